import Foundation

/// One apply at a time: a lock file beside the audit log says who holds it (pid,
/// host, start, lease end) and is renewed while the run lives. A second apply
/// names the holder and stops; a lock whose holder is gone (a dead pid on this
/// host) or whose lease ran out (a CI machine that vanished) is taken over with a
/// message, so a cancelled job never blocks the next one.
final class ApplyLock: @unchecked Sendable {
    struct Holder: Codable, Equatable {
        var pid: Int32
        var host: String
        var runID: String
        var started: String
        /// Seconds since 1970 when the lease ends unless renewed.
        var expires: Double

        enum CodingKeys: String, CodingKey {
            case pid, host, started, expires
            case runID = "run_id"
        }
    }

    static let lease: TimeInterval = 120
    let path: String
    private let holder: Holder
    private var renewal: Task<Void, Never>?
    /// Set when the lock was taken over from a dead or expired holder: what to tell the user.
    private(set) var tookOver: String?

    /// Takes the lock or throws naming who holds it.
    init(path: String, runID: String, now: Date = Date()) throws {
        self.path = path
        holder = Holder(
            pid: getpid(), host: ProcessInfo.processInfo.hostName, runID: runID,
            started: now.formatted(.iso8601), expires: now.timeIntervalSince1970 + Self.lease)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        for _ in 0..<2 {
            if try create() { return }
            guard let current = try? Self.read(path) else {
                // Unreadable: a lock cut off mid-write by a crash. Only a dead writer leaves that.
                tookOver = "took over an unreadable lock at \(path)"
                try? FileManager.default.removeItem(atPath: path)
                continue
            }
            if let reason = Self.stale(current, now: now) {
                tookOver =
                    "took over the lock of run \(current.runID) (pid \(current.pid) on \(current.host)): \(reason)"
                try? FileManager.default.removeItem(atPath: path)
                continue
            }
            throw RollcallError(
                "another apply holds the lock \(path): run \(current.runID), pid \(current.pid) on \(current.host), "
                    + "started \(current.started); wait for it to finish (its lease ends unless it renews)")
        }
        throw RollcallError("cannot take the lock \(path)")
    }

    /// Keeps the lease alive while the run lives.
    func startRenewing() {
        renewal = Task { [path, holder] in
            var renewed = holder
            while true {
                do {
                    try await Task.sleep(for: .seconds(Self.lease / 4))
                } catch {
                    return
                }
                renewed.expires = Date().timeIntervalSince1970 + Self.lease
                if let data = try? JSONEncoder().encode(renewed) {
                    try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
                }
            }
        }
    }

    func release() {
        renewal?.cancel()
        renewal = nil
        if let current = try? Self.read(path), current.runID == holder.runID {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private func create() throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw RollcallError("cannot create the lock \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let data = try JSONEncoder().encode(holder)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            throw RollcallError("cannot write the lock \(path)")
        }
        return true
    }

    static func read(_ path: String) throws -> Holder {
        try JSONDecoder().decode(Holder.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Why a holder no longer holds the lock, or nil when it still does.
    static func stale(_ holder: Holder, now: Date) -> String? {
        if holder.expires < now.timeIntervalSince1970 { return "its lease ran out" }
        if holder.host == ProcessInfo.processInfo.hostName, kill(holder.pid, 0) != 0, errno == ESRCH {
            return "that process is gone"
        }
        return nil
    }
}
