import Foundation
import RollcallCore

/// Where `rollcall import` writes: a directory, or one `.yaml` file. Nothing is written
/// over an existing file without `--force`, nothing into a directory that already holds
/// other config files (they would merge into the import), and all files are written to
/// temporary names first and renamed into place only when every one was written.
public struct ImportTarget {
    var layout: ImportWriter.Layout
    /// The directory the files go into.
    var directory: String

    init(_ out: String, force: Bool, inputs: [String]) throws {
        (layout, directory) = Self.place(out)
        var isDirectory: ObjCBool = false
        if case .directory = layout, FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RollcallError(.output, "\(out) is a file, not a directory; nothing was written")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            let ours = Set(Self.directoryNames)
            let others = names.filter { ConfigFiles.isYAML($0) && !ours.contains($0) }.sorted()
            if !others.isEmpty {
                throw RollcallError(
                    .output,
                    "\(out) already holds other config files (\(others.joined(separator: ", "))), which would merge "
                        + "into the import; import into a new or empty directory. Nothing was written")
            }
        }
        var existing: [String] = []
        for name in names {
            let path = self.path(of: name)
            try OutputFile.check(path, inputs: inputs)
            if FileManager.default.fileExists(atPath: path) { existing.append(path) }
        }
        if !force, !existing.isEmpty {
            throw RollcallError(
                .output,
                "\(existing.joined(separator: ", ")) already \(existing.count == 1 ? "exists" : "exist"); "
                    + "pass --force to replace \(existing.count == 1 ? "it" : "them"). Nothing was written")
        }
    }

    static let directoryNames = ["systems.yaml", "policy.yaml", "roles.yaml", "roster.yaml", "staff.yaml"]

    /// `--out` as a layout and the directory the files go into: a `.yaml` path is one file.
    static func place(_ out: String) -> (layout: ImportWriter.Layout, directory: String) {
        let url = URL(fileURLWithPath: out)
        guard ConfigFiles.isYAML(url.lastPathComponent) else { return (.directory, out) }
        return (.singleFile(name: url.lastPathComponent), url.deletingLastPathComponent().path)
    }

    /// Where the published config schema lives: what a written file points at when no copy is near.
    public static let publishedSchema = "https://rollcall.dev/schemas/rollcall.schema.json"

    /// A reference that resolves from where the files go: `schemas/rollcall.schema.json` under
    /// `workingDirectory` as a relative path when it is there (a checkout of Rollcall, or a
    /// config repository that keeps a copy), else the published schema's URL.
    public static func defaultSchemaReference(out: String, workingDirectory: String) -> String {
        let local = URL(fileURLWithPath: workingDirectory).appendingPathComponent("schemas/rollcall.schema.json")
        guard FileKind(at: local.path) == .regular else { return publishedSchema }
        return relativePath(from: place(out).directory, to: local.path)
    }

    /// `file` as a path relative to `directory`: how a written file names another (the schema,
    /// the roster's export).
    static func relativePath(from directory: String, to file: String) -> String {
        let from = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(from.count, to.count), from[shared] == to[shared] { shared += 1 }
        let up = Array(repeating: "..", count: from.count - shared)
        return (up + to[shared...]).joined(separator: "/")
    }

    var names: [String] {
        switch layout {
        case .directory: Self.directoryNames
        case .singleFile(let name): [name]
        }
    }

    func path(of name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    /// Writes every file or none; returns their paths.
    func write(_ files: [(name: String, text: String)]) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RollcallError(.output, "cannot create \(directory): \(error.localizedDescription)")
        }
        var staged: [(temporary: String, final: String)] = []
        do {
            for file in files {
                let final = path(of: file.name)
                let temporary = path(of: ".\(file.name).rollcall-import")
                staged.append((temporary, final))
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
            }
        } catch {
            for file in staged { try? FileManager.default.removeItem(atPath: file.temporary) }
            throw RollcallError(
                .output, "cannot write into \(directory): \(error.localizedDescription); nothing was written")
        }
        for file in staged where rename(file.temporary, file.final) != 0 {
            let reason = String(cString: strerror(errno))
            throw RollcallError(.output, "cannot move \(file.temporary) to \(file.final): \(reason)")
        }
        return staged.map(\.final)
    }
}
