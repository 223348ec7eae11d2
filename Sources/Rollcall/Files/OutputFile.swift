import Foundation

/// Writes a file Rollcall makes (`plan --out`) without writing over anything it should
/// not: not a FIFO, a device or a directory, not through a symlink, and never one of the
/// command's own inputs. The bytes go to a temporary file beside it that is renamed into
/// place, so a reader never sees half a file.
public enum OutputFile {
    public static func write(_ data: Data, to path: String, inputs: [String]) throws {
        try write(data, to: path, inputs: inputs, files: LocalFiles())
    }

    static func write(_ data: Data, to path: String, inputs: [String], files: any RunFiles) throws {
        try check(path, inputs: inputs, files: files)
        do {
            try files.replace(path, with: data)
        } catch {
            throw RollcallError(.output, "cannot save to \(path): \(error.localizedDescription)")
        }
    }

    /// Throws when `path` may not be written; a command checks before it does its work.
    /// `what` names the file in the messages ("the plan", "the audit log").
    public static func check(_ path: String, inputs: [String], what: String = "the plan") throws {
        try check(path, inputs: inputs, what: what, files: LocalFiles())
    }

    static func check(_ path: String, inputs: [String], what: String = "the plan", files: any RunFiles) throws {
        let url = URL(fileURLWithPath: path)
        try FileKind.requireWritable(files.kind(at: path), path, what: what)
        let target = canonical(url)
        for input in inputs where canonical(URL(fileURLWithPath: input)) == target {
            throw RollcallError(.output, "\(path) is one of this command's inputs; write \(what) somewhere else")
        }
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            if canonical(URL(fileURLWithPath: input)) == canonical(url.deletingLastPathComponent()),
                ConfigFiles.isYAML(url.lastPathComponent)
            {
                throw RollcallError(
                    .output, "\(path) would become part of the config directory \(input); write it elsewhere")
            }
        }
    }

    private static func canonical(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
