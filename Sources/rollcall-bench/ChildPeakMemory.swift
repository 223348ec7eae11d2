import Foundation

/// The peak resident memory of a child process, from its own `/proc/PID/status` (VmHWM), read
/// every millisecond while it runs; the last value read before it exits is its peak but for
/// what it grew in that last millisecond.
///
/// `getrusage(RUSAGE_CHILDREN)` cannot say this: Linux carries a process's peak across `exec`,
/// and a child is spawned sharing its parent's memory, so a child's `ru_maxrss` is never less
/// than the bench's own peak when it spawned it (143 MiB here, more than the plan itself used).
final class ChildPeakMemory: @unchecked Sendable {
    private let pid: Int32
    private let lock = NSLock()
    private var peakKilobytes: Double = 0
    private var running = true

    /// Starts sampling `pid` at once, on a thread of its own.
    init(pid: Int32) {
        self.pid = pid
        Thread { [weak self] in self?.sample() }.start()
    }

    private func sample() {
        while lock.withLock({ running }) {
            if let kilobytes = Self.highWaterKilobytes(of: "\(pid)") {
                lock.withLock { peakKilobytes = max(peakKilobytes, kilobytes) }
            }
            usleep(1_000)
        }
    }

    /// Stops sampling (call it once the child has exited) and returns its peak in MiB.
    func stop() -> Double {
        lock.withLock {
            running = false
            return peakKilobytes / 1024
        }
    }

    /// A process's peak resident memory so far (VmHWM), `process` being a pid or `self`; nil
    /// where there is no /proc, or once the process has exited.
    static func highWaterKilobytes(of process: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
        }
        return nil
    }
}
