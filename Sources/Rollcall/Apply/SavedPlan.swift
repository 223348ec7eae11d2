import Foundation
import RollcallCore

/// A plan saved by `rollcall plan --out`, read back and proven to be the plan that was
/// reviewed before anything is done with it: complete JSON of a known format, its
/// checksum matching its content (and `--expect-checksum`), every digest whole.
enum SavedPlan {
    /// Whether `path` names a saved plan rather than a config: a file whose first non-blank byte
    /// is `{` and whose name does not end in `.yaml` or `.yml` (a config may be one flow mapping).
    static func isPlan(_ path: String) -> Bool {
        guard !ConfigFiles.isYAML(path) else { return false }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }

    static func read(_ path: String, expectChecksum: String?) throws -> PlanDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RollcallError("\(path): cannot read the plan: \(error.localizedDescription)")
        }
        struct Version: Decodable {
            var formatVersion: Int?
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw RollcallError("\(path): not a complete JSON document (cut off or edited?); nothing was applied")
        }
        guard version.formatVersion == Plan.formatVersion else {
            let found = version.formatVersion.map { "format_version \($0)" } ?? "no format_version"
            throw RollcallError(
                "\(path): \(found); this rollcall applies plans of format_version \(Plan.formatVersion) only")
        }
        let document: PlanDocument
        do {
            document = try JSONDecoder().decode(PlanDocument.self, from: data)
        } catch {
            throw RollcallError("\(path): not a Rollcall plan: \(describe(error)); nothing was applied")
        }
        guard let checksum = document.checksum else {
            throw RollcallError("\(path): the plan has no checksum; save it again with `rollcall plan --out`")
        }
        guard try document.computedChecksum() == checksum else {
            throw RollcallError(
                "\(path): the plan's content does not match its checksum \(checksum): it was edited after it was "
                    + "saved; nothing was applied")
        }
        if let expectChecksum, expectChecksum.lowercased() != checksum {
            throw RollcallError(
                "\(path): the plan's checksum is \(checksum), not the reviewed \(expectChecksum); nothing was applied")
        }
        for change in document.changes {
            if case .matches(let digest) = change.precondition, !digest.isConsistent {
                throw RollcallError("\(path): the digest of \(change.address) does not match its fields")
            }
        }
        guard document.refusals.isEmpty else {
            throw RollcallError("\(path): the plan was refused when it was made, so it cannot be applied")
        }
        return document
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
