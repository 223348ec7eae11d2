import Foundation

/// A file of JSON lines that only grows, each line on disk (fsync) before
/// `append` returns: the audit log and the journal. A line that cannot be
/// written is an error the caller must stop on: for the audit log, the write
/// the line describes is then not made.
final class DurableLog: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// Opens `path` for appending, creating it (and its directory) when missing.
    init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RollcallError("cannot open \(path) for appending: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Writes `line` and a line break, and waits until both are on disk.
    func append(_ line: String) throws {
        try lock.withLock {
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RollcallError("cannot write to \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            guard fsync(descriptor) == 0 else {
                throw RollcallError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The file as it stands, or nothing when it does not exist yet.
    static func text(of path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}
