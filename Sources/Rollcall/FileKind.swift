import Foundation

/// What is at a path, looked at without following a symbolic link: the first thing a
/// command checks before it opens a file it writes (or a plan it reads), so a link never
/// redirects a write, a FIFO never blocks the run and a device is never written or read.
enum FileKind: Equatable {
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

    /// Throws unless `path` is missing or a regular file: what a file Rollcall writes may be.
    /// `what` names the file for the message ("the audit log").
    static func requireWritable(_ path: String, what: String) throws {
        let kind = FileKind(at: path)
        switch kind {
        case .missing, .regular: return
        case .symbolicLink:
            throw RollcallError(
                "\(path) is a symbolic link; Rollcall writes \(what) only to a regular file, never through a link: "
                    + "give the path of the file itself")
        case .directory, .fifo, .device, .socket:
            throw RollcallError(
                "\(path) is \(kind.described), not a regular file; Rollcall writes \(what) only to a regular file, "
                    + "and nothing was written")
        }
    }

    /// The reason `open` gave, in words that fit a file Rollcall opens without following links.
    static func openFailure(_ path: String, what: String, errno code: Int32) -> RollcallError {
        switch code {
        case ELOOP:
            RollcallError("\(path) is a symbolic link; Rollcall opens \(what) only as a regular file")
        case EISDIR:
            RollcallError("\(path) is a directory, not a regular file; give the path of \(what) itself")
        default:
            RollcallError("cannot open \(what) \(path): \(String(cString: strerror(code)))")
        }
    }
}
