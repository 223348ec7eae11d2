import Foundation
import Synchronization

/// Where the simulators read the time: token lifetimes and per-minute limits.
public protocol SandboxClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemSandboxClock: SandboxClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told, so tests can expire a token without waiting.
public final class ManualSandboxClock: SandboxClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// A clock that moves a fixed step every time it is read. A simulator reads the time
/// once per token request and once per authenticated request, so a token dies after
/// a set number of requests, however fast or loaded the machine is.
public final class SteppingSandboxClock: SandboxClock {
    private let current: Mutex<Date>
    private let step: TimeInterval

    public init(step: TimeInterval, start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.step = step
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { time in
            time += step
            return time
        }
    }
}
