import Foundation
import RollcallCore

/// The seam under every file a run touches: the config and its roster, a saved plan, the
/// audit log, the journal, the lock and the outputs. `LocalFiles` is the real one and the
/// default; a test puts in one that fails or stops where it says (a full disk at the audit
/// log, a crash after a journal line), over the same files on disk.
package protocol RunFiles: Sendable {
    /// What is at `path`, without following a symbolic link.
    func kind(at path: String) -> FileKind
    /// The YAML files a config PATH names (a file, or a directory's), or what stopped the read;
    /// a non-YAML file path (a roster export, a saved plan) is read as one file.
    func readConfig(_ path: String, excluding: [String], limits: YAMLLimits) -> ConfigFiles.Read
    /// The bytes of the regular file at `path`, never through a link, a FIFO or a device; nil
    /// when nothing is there. `what` names it in errors; `limit` bounds what is read.
    func readRegular(_ path: String, what: String, limit: Int?) throws -> Data?
    /// Makes `directory` and its parents when missing.
    func makeDirectory(_ directory: String, for what: String) throws
    /// Writes `data` to `path` through a temporary file renamed into place.
    func replace(_ path: String, with data: Data) throws
    /// Creates `path` holding `data`, on disk before it returns, only when nothing is there;
    /// false when something is.
    func create(_ path: String, with data: Data) throws -> Bool
    /// Removes the regular file at `path`; anything else there is left as it is.
    func removeRegular(_ path: String)
    /// When the file at `path` was last written, to the second.
    func modified(_ path: String) -> Date?
    /// Opens `path` to append whole lines to, creating it (and its directory) when missing.
    func appendOnly(_ path: String, what: String) throws -> any AppendOnlyFile
}

/// A file of lines that only grows, each line on disk before `append` returns.
package protocol AppendOnlyFile: Sendable {
    /// Writes `line` and a line break, on disk before it returns; on failure the file is cut
    /// back to where it was and the error says so.
    func append(_ line: String) throws
    /// Cuts the file to its first `length` bytes, on disk before it returns.
    func cut(to length: Int) throws
}

/// The files on this machine's disk.
package struct LocalFiles: RunFiles {
    /// The system calls an appended line goes through.
    package var writer: DurableLog.Writer

    package init(writer: DurableLog.Writer = .system) {
        self.writer = writer
    }

    package func kind(at path: String) -> FileKind { FileKind(at: path) }

    package func readConfig(_ path: String, excluding: [String], limits: YAMLLimits) -> ConfigFiles.Read {
        ConfigFiles.read(path, excluding: excluding, limits: limits)
    }

    package func readRegular(_ path: String, what: String, limit: Int?) throws -> Data? {
        try FileKind.readRegular(path, what: what, limit: limit)
    }

    package func makeDirectory(_ directory: String, for what: String) throws {
        guard !directory.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RollcallError(
                .file, "cannot make the directory \(directory) for \(what): \(DurableLog.reason(error))")
        }
    }

    package func replace(_ path: String, with data: Data) throws {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    package func create(_ path: String, with data: Data) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw RollcallError(.file, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            throw RollcallError(.file, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return true
    }

    package func removeRegular(_ path: String) {
        if FileKind(at: path) == .regular { unlink(path) }
    }

    package func modified(_ path: String) -> Date? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec))
    }

    package func appendOnly(_ path: String, what: String) throws -> any AppendOnlyFile {
        try makeDirectory((path as NSString).deletingLastPathComponent, for: what)
        return try DurableLog(path: path, what: what, writer: writer)
    }
}
