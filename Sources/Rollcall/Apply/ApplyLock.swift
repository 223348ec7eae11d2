import Foundation
import Synchronization

/// One apply at a time: a lock file beside the audit log says who holds it (pid,
/// host, start, lease end) and is renewed while the run lives. A second apply
/// names the holder and stops; a lock whose holder is gone (a dead pid on this
/// host) or whose lease ran out (a CI machine that vanished) is taken over with a
/// message, so a cancelled job never blocks the next one.
final class ApplyLock: Sendable {
    struct Holder: Codable, Equatable, Sendable {
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
    private let files: any RunFiles
    private let renewal = Mutex<Task<Void, Never>?>(nil)
    /// Set when the lock was taken over from a dead or expired holder: what to tell the user.
    let tookOver: String?

    /// Takes the lock or throws naming who holds it. Only a regular file is ever taken over
    /// and removed: anything else at the path (a directory, a link, a FIFO) is refused and left
    /// exactly as it is.
    init(path: String, runID: String, now: Date = Date(), files: any RunFiles = LocalFiles()) throws {
        self.path = path
        self.files = files
        let holder = Holder(
            pid: getpid(), host: ProcessInfo.processInfo.hostName, runID: runID,
            started: now.formatted(.iso8601), expires: now.timeIntervalSince1970 + Self.lease)
        self.holder = holder
        try files.makeDirectory((path as NSString).deletingLastPathComponent, for: "the lock")
        var tookOver: String?
        for _ in 0..<2 {
            try Self.requireLockFile(path, files: files)
            if try files.create(path, with: JSONEncoder().encode(holder)) {
                self.tookOver = tookOver
                return
            }
            try Self.requireLockFile(path, files: files)
            guard let current = try? Self.read(path, files: files) else {
                // Unreadable: a lock cut off mid-write by a crash. Only a dead writer leaves that.
                tookOver = "took over an unreadable lock at \(path)"
                files.removeRegular(path)
                continue
            }
            if let reason = Self.stale(current, now: now, renewed: files.modified(path)) {
                tookOver =
                    "took over the lock of run \(current.runID) (pid \(current.pid) on \(current.host)): \(reason)"
                files.removeRegular(path)
                continue
            }
            throw RollcallError(
                .lockHeld,
                "another apply holds the lock \(path): run \(current.runID), pid \(current.pid) on \(current.host), "
                    + "started \(current.started); wait for it to finish (its lease ends unless it renews)")
        }
        throw RollcallError(.lock, "cannot take the lock \(path)")
    }

    /// Throws unless the lock path is free or a regular file.
    private static func requireLockFile(_ path: String, files: any RunFiles) throws {
        let kind = files.kind(at: path)
        guard kind == .missing || kind == .regular else {
            throw RollcallError(
                .lock,
                "the lock path \(path) is \(kind.described), not a lock file; nothing was applied. Rollcall never "
                    + "removes it: move it away if it is not needed, and run apply again")
        }
    }

    /// Keeps the lease alive while the run lives.
    func startRenewing() {
        let task = Task { [path, holder, files] in
            var renewed = holder
            while true {
                do {
                    try await Task.sleep(for: .seconds(Self.lease / 4))
                } catch {
                    return
                }
                // A lock someone else took over (this run's lease ran out) is theirs now.
                guard (try? Self.read(path, files: files))?.runID == renewed.runID else { return }
                renewed.expires = Date().timeIntervalSince1970 + Self.lease
                if let data = try? JSONEncoder().encode(renewed) {
                    try? files.replace(path, with: data)
                }
            }
        }
        renewal.withLock { $0 = task }
    }

    func release() {
        renewal.withLock {
            $0?.cancel()
            $0 = nil
        }
        if let current = try? Self.read(path, files: files), current.runID == holder.runID {
            files.removeRegular(path)
        }
    }

    /// The holder a lock file names; a regular file of at most 64 KiB, never through a link.
    static func read(_ path: String, files: any RunFiles = LocalFiles()) throws -> Holder {
        guard let data = try files.readRegular(path, what: "the lock", limit: 64 * 1024) else {
            throw RollcallError(.lock, "there is no lock at \(path)")
        }
        return try JSONDecoder().decode(Holder.self, from: data)
    }

    /// How far ahead a lease may end and still be believed: the lease, and a quarter of an
    /// hour for clocks that differ between CI machines. Rollcall never writes a longer one.
    static let longestLease: TimeInterval = lease + 15 * 60

    /// Why a holder no longer holds the lock, or nil when it still does. `renewed` is when the
    /// lock file was last written: a holder that has not renewed it for two leases is gone,
    /// whatever lease its file claims.
    static func stale(_ holder: Holder, now: Date, renewed: Date? = nil) -> String? {
        let seconds = now.timeIntervalSince1970
        if holder.pid <= 0 { return "its pid \(holder.pid) is no process" }
        if !holder.expires.isFinite || holder.expires < seconds { return "its lease ran out" }
        if holder.expires > seconds + longestLease {
            return "its lease claims to run \(Int(min(holder.expires - seconds, 1e15))) s more, but an apply's "
                + "lease is \(Int(lease)) s, renewed while it runs: Rollcall did not write it"
        }
        if let renewed, now.timeIntervalSince(renewed) > 2 * lease {
            return "it was not renewed for \(Int(now.timeIntervalSince(renewed))) s"
        }
        if holder.host == ProcessInfo.processInfo.hostName, kill(holder.pid, 0) != 0, errno == ESRCH {
            return "that process is gone"
        }
        return nil
    }
}
