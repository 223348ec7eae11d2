import Foundation
import Synchronization

/// A file of JSON lines that only grows, each line on disk (fsync) before
/// `append` returns: the audit log and the journal. A line that cannot be
/// written is an error the caller must stop on: for the audit log, the write
/// the line describes is then not made.
///
/// The file is opened as `plan --out` opens its output: a regular file only, never
/// through a symbolic link, never a FIFO or a device. A write that fails part way (a
/// full disk, an I/O error) is cut back to the last whole line and synced before the
/// error is thrown, so the file on disk always ends with a whole line and the chain
/// head a run prints is the one on disk.
package final class DurableLog: AppendOnlyFile {
    /// The system calls a line goes through; a test puts a failing one in.
    package struct Writer: Sendable {
        var write: @Sendable (Int32, UnsafeRawBufferPointer) -> Int
        var sync: @Sendable (Int32) -> Int32

        package init(
            write: @escaping @Sendable (Int32, UnsafeRawBufferPointer) -> Int,
            sync: @escaping @Sendable (Int32) -> Int32
        ) {
            self.write = write
            self.sync = sync
        }

        package static let system = Writer(
            write: { descriptor, bytes in systemWrite(descriptor, bytes.baseAddress, bytes.count) },
            sync: { fsync($0) })
    }

    let path: String
    private let descriptor: Int32
    private let writer: Writer
    private let lock = Mutex(())

    /// Opens `path` for appending, creating it when missing. `what`
    /// names it in errors ("the audit log").
    init(path: String, what: String, writer: Writer = .system) throws {
        self.path = path
        self.writer = writer
        try FileKind.requireWritable(path, what: what)
        // O_NONBLOCK: a FIFO put there since the check must not block the open.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else { throw FileKind.openFailure(path, what: what, errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileKind(mode: status.st_mode) == .regular else {
            close(descriptor)
            throw RollcallError(.file, "\(path) is not a regular file; Rollcall writes \(what) only to a regular file")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Writes `line` and a line break, and waits until both are on disk; on failure the
    /// file is cut back to where it was.
    package func append(_ line: String) throws {
        try lock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            let end = lseek(descriptor, 0, SEEK_END)
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { writer.write(descriptor, $0) }
                if written < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw failure("cannot write to \(path): \(Self.describe(code))", cutBackTo: end)
                }
                offset += written
            }
            guard writer.sync(descriptor) == 0 else {
                throw failure("cannot flush \(path) to disk: \(Self.describe(errno))", cutBackTo: end)
            }
        }
    }

    /// Cuts the file to its first `length` bytes, on disk before it returns: a torn last line
    /// (an append a crash or a full disk interrupted) is removed before the log goes on.
    package func cut(to length: Int) throws {
        try lock.withLock { _ in
            guard ftruncate(descriptor, off_t(length)) == 0, writer.sync(descriptor) == 0 else {
                throw RollcallError(.file, "cannot cut \(path) back to its last whole line: \(Self.describe(errno))")
            }
        }
    }

    /// Cuts the file back to `end` (its size before the failed write) and syncs it, then
    /// says so in the error.
    private func failure(_ message: String, cutBackTo end: off_t) -> RollcallError {
        guard end >= 0, ftruncate(descriptor, end) == 0 else {
            return RollcallError(.file, message + "; the file could not be cut back to its last whole line")
        }
        _ = fsync(descriptor)
        return RollcallError(.file, message + "; the file was cut back to its last whole line")
    }

    /// strerror's words, with the name a search finds (`ENOSPC`).
    static func describe(_ code: Int32) -> String {
        let names: [Int32: String] = [ENOSPC: "ENOSPC", EIO: "EIO", EDQUOT: "EDQUOT", EROFS: "EROFS", EFBIG: "EFBIG"]
        let words = String(cString: strerror(code))
        return names[code].map { "\(words) (\($0))" } ?? words
    }

    /// How many bytes of `bytes` are whole lines: all of them, or up to the last line break
    /// when an append was cut off before its own.
    static func wholeLines(_ bytes: Data) -> Int {
        bytes.lastIndex(of: 0x0A).map { $0 - bytes.startIndex + 1 } ?? 0
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}

#if canImport(Darwin)
    private let systemWrite = Darwin.write
#else
    private let systemWrite = Glibc.write
#endif
