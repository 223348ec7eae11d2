import Foundation

/// What is at a path, looked at without following a symbolic link: the first thing a
/// command checks before it opens a file it writes (or a plan it reads), so a link never
/// redirects a write, a FIFO never blocks the run and a device is never written or read.
package enum FileKind: Equatable, Sendable {
    case missing
    case regular
    case directory
    case symbolicLink
    case fifo
    case device
    case socket

    init(at path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            self = .missing
            return
        }
        self = Self(mode: status.st_mode)
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .device
        }
    }

    /// As a sentence's object: "a directory", "a FIFO (named pipe)".
    var described: String {
        switch self {
        case .missing: "missing"
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .device: "a device"
        case .socket: "a socket"
        }
    }

    /// Throws unless `path` is missing or a regular file: what a file Rollcall writes may be
    /// (`plan --out`, a drift report, the audit log, the journal). `what` names the file for the
    /// message ("the audit log").
    static func requireWritable(_ path: String, what: String) throws {
        try requireWritable(FileKind(at: path), path, what: what)
    }

    /// `requireWritable`, for what a file seam says is at `path`.
    static func requireWritable(_ kind: FileKind, _ path: String, what: String) throws {
        switch kind {
        case .missing, .regular: return
        case .symbolicLink:
            throw RollcallError(
                .file, "\(path) is a symbolic link; give the path of a regular file to write \(what) to")
        case .directory, .fifo, .device, .socket:
            throw RollcallError(
                .file,
                "\(path) is not a regular file (\(kind.described)); Rollcall writes \(what) only to a regular file, "
                    + "and nothing was written")
        }
    }

    /// The bytes of the regular file at `path`, opened without following a link or blocking on a
    /// FIFO; nil when nothing is there. `limit` bounds what is read.
    static func readRegular(_ path: String, what: String, limit: Int? = nil) throws -> Data? {
        let kind = FileKind(at: path)
        switch kind {
        case .missing: return nil
        case .regular: break
        case .symbolicLink:
            throw RollcallError(.file, "\(path) is a symbolic link; Rollcall reads \(what) only as a regular file")
        case .directory, .fifo, .device, .socket:
            throw RollcallError(.file, "\(path) is \(kind.described), not \(what); give the path of a regular file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { throw openFailure(path, what: what, errno: errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileKind(mode: status.st_mode) == .regular else {
            throw RollcallError(.file, "\(path) is not a regular file; Rollcall reads \(what) only as a regular file")
        }
        do {
            return try limit.map { try handle.read(upToCount: $0) } ?? handle.readToEnd() ?? Data()
        } catch {
            throw RollcallError(.file, "cannot read \(what) \(path): \(DurableLog.reason(error))")
        }
    }

    /// The reason `open` gave, in words that fit a file Rollcall opens without following links.
    static func openFailure(_ path: String, what: String, errno code: Int32) -> RollcallError {
        switch code {
        case ELOOP:
            RollcallError(.file, "\(path) is a symbolic link; Rollcall opens \(what) only as a regular file")
        case EISDIR:
            RollcallError(.file, "\(path) is a directory, not a regular file; give the path of \(what) itself")
        default:
            RollcallError(.file, "cannot open \(what) \(path): \(String(cString: strerror(code)))")
        }
    }
}
