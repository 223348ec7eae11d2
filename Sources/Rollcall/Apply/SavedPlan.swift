import Foundation
import RollcallCore

/// A plan saved by `rollcall plan --out`, read back and proven to be the plan that was
/// reviewed before anything is done with it: complete JSON of a known format, its
/// checksum matching its content (and `--expect-checksum`), every digest whole, and
/// with `ROLLCALL_PLAN_KEY` its signature. None of that proves the plan is what the
/// config asks for (anyone can recompute a checksum): apply checks that against a fresh
/// plan (`SavedPlanCheck`).
enum SavedPlan {
    /// The largest plan read: far more than 50,000 changes take.
    static let maxBytes = 256 * 1024 * 1024

    /// Whether `path` names a saved plan rather than a config: a regular file (a link to one
    /// counts) whose first non-blank byte is `{` and whose name does not end in `.yaml` or
    /// `.yml` (a config may be one flow mapping). Its kind is looked at before it is opened,
    /// so a FIFO never blocks the run.
    static func isPlan(_ path: String) -> Bool {
        guard !ConfigFiles.isYAML(path) else { return false }
        var status = stat()
        guard stat(path, &status) == 0, FileKind(mode: status.st_mode) == .regular else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }

    /// Throws unless `path` is something apply may read: a config file or directory, or a
    /// plan; never a FIFO, a device or a socket (a read of one would block or never end).
    static func requireReadable(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let kind = FileKind(mode: status.st_mode)
        guard kind == .regular || kind == .directory else {
            throw RollcallError(
                .planInvalid, "\(path) is \(kind.described), not a plan or a config; nothing was read or applied")
        }
    }

    static func read(
        _ path: String, expectChecksum: String?, key: [UInt8]?, files: any RunFiles = LocalFiles()
    ) throws -> PlanDocument {
        let data = try bytes(path, files: files)
        struct Version: Decodable {
            var formatVersion: Int?
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw RollcallError(
                .planInvalid, "\(path): not a complete JSON document (cut off or edited?); nothing was applied")
        }
        guard version.formatVersion == Plan.formatVersion else {
            let found = version.formatVersion.map { "format_version \($0)" } ?? "no format_version"
            throw RollcallError(
                .planInvalid,
                "\(path): \(found); this rollcall applies plans of format_version \(Plan.formatVersion) only")
        }
        let document: PlanDocument
        do {
            document = try JSONDecoder().decode(PlanDocument.self, from: data)
        } catch {
            throw RollcallError(.planInvalid, "\(path): not a Rollcall plan: \(describe(error)); nothing was applied")
        }
        guard let checksum = document.checksum else {
            throw RollcallError(
                .planInvalid, "\(path): the plan has no checksum; save it again with `rollcall plan --out`")
        }
        guard try document.computedChecksum() == checksum else {
            throw RollcallError(
                .planInvalid,
                "\(path): the plan's content does not match its checksum \(checksum): it was edited after it was "
                    + "saved; nothing was applied")
        }
        if let expectChecksum, !HashPrefix.matches(expectChecksum, checksum) {
            throw RollcallError(
                .planInvalid,
                "\(path): the plan's checksum is \(checksum), not the reviewed \(expectChecksum); nothing was applied")
        }
        for change in document.changes {
            if case .matches(let digest) = change.precondition, !digest.isConsistent {
                throw RollcallError(.planInvalid, "\(path): the digest of \(change.address) does not match its fields")
            }
        }
        guard document.refusals.isEmpty else {
            throw RollcallError(.planInvalid, "\(path): the plan was refused when it was made, so it cannot be applied")
        }
        guard document.config.count == 1, document.config.first?.isEmpty == false else {
            throw RollcallError(
                .planInvalid,
                "\(path): the plan's \"config\" must name the one config it was made from, as `rollcall plan "
                    + "--out` writes it, but it holds \(document.config.count == 1 ? "an empty path" : "\(document.config.count) paths"); "
                    + "nothing was applied")
        }
        try checkSignature(document, data: data, path: path, key: key)
        return document
    }

    /// With a key, the plan must be signed with it and be, byte for byte, what `plan --out`
    /// wrote; without one, a signed plan is refused rather than applied unchecked.
    static func checkSignature(_ document: PlanDocument, data: Data, path: String, key: [UInt8]?) throws {
        guard let key else {
            if document.signature != nil {
                throw RollcallError(
                    .planInvalid,
                    "\(path): the plan is signed, but ROLLCALL_PLAN_KEY is not set, so its signature cannot be "
                        + "checked; set it to the key the plan was made with; nothing was applied")
            }
            return
        }
        guard let signature = document.signature else {
            throw RollcallError(
                .planInvalid,
                "\(path): the plan is not signed, and ROLLCALL_PLAN_KEY is set, so only a plan signed with it "
                    + "is applied: make the plan with ROLLCALL_PLAN_KEY set; nothing was applied")
        }
        guard try document.computedSignature(key: key) == signature.lowercased(),
            try document.encoded() == data
        else {
            throw RollcallError(
                .planInvalid,
                "\(path): the plan's signature does not match: it was edited after it was signed, or signed with "
                    + "another ROLLCALL_PLAN_KEY; nothing was applied")
        }
    }

    /// The plan's bytes, read as a config file is: a regular file (a link to one counts) of at
    /// most `maxBytes`.
    private static func bytes(_ path: String, files: any RunFiles) throws -> Data {
        var limits = YAMLLimits.standard
        limits.maxFileBytes = maxBytes
        let read = files.readConfig(path, excluding: [], limits: limits)
        guard let file = read.files.first, read.diagnostics.isEmpty else {
            let why = read.diagnostics.map(\.message).joined(separator: "; ")
            throw RollcallError(.planInvalid, "\(path): cannot read the plan: \(why); nothing was applied")
        }
        return Data(file.bytes)
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(decoding)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
