import Foundation

/// One process at a time serves a state file: two would hand out the same new ids and
/// the last write would win. The lock is an advisory `flock` on `STATE.lock`, which the
/// kernel releases when the holder exits, however it exits; the file names the holder.
final class StateFileLock: Sendable {
    private let descriptor: Int32

    init(for stateFile: URL) throws(SandboxSeedError) {
        let path = stateFile.path + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SandboxSeedError(message: "\(path): error: cannot open the lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(descriptor, &buffer, buffer.count)
            close(descriptor)
            let holder = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw SandboxSeedError(
                message:
                    "\(stateFile.path): error: another process serves this sandbox state (\(holder.isEmpty ? "unknown" : holder)); "
                    + "stop it first, or copy the state file")
        }
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
