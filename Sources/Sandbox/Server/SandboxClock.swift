import Foundation
import Synchronization

/// Where the simulators read the time: token lifetimes and per-minute limits.
package protocol SandboxClock: Sendable {
    func now() -> Date
}

/// The wall clock.
package struct SystemSandboxClock: SandboxClock {
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that moves only when told, so tests can expire a token without waiting.
package final class ManualSandboxClock: SandboxClock {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    package func now() -> Date { current.withLock { $0 } }

    package func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// A clock that moves a fixed step every time it is read. A simulator reads the time
/// once per token request and once per authenticated request, so a token dies after
/// a set number of requests, however fast or loaded the machine is.
package final class SteppingSandboxClock: SandboxClock {
    private let current: Mutex<Date>
    private let step: TimeInterval

    package init(step: TimeInterval, start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.step = step
        current = Mutex(start)
    }

    package func now() -> Date {
        current.withLock { time in
            time += step
            return time
        }
    }
}
