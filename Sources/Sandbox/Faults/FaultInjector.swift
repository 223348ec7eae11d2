import Foundation
import RollcallCore

/// Decides, request by request, which fault (if any) to inject. One per simulator.
package actor FaultInjector {
    package enum Fault: Sendable, Equatable {
        case rateLimited
        case serverError
    }

    package private(set) var faults: SandboxFaults
    private var generator: SeededGenerator
    private let clock: any SandboxClock
    private var tokens: Double
    private var refilledAt: Date
    package private(set) var injected: [Fault: Int] = [:]
    package private(set) var droppedResponses = 0

    package init(_ faults: SandboxFaults, clock: any SandboxClock) {
        self.faults = faults
        self.clock = clock
        generator = SeededGenerator(seed: faults.seed)
        tokens = Double(faults.rateLimit?.burst ?? 0)
        refilledAt = clock.now()
    }

    /// Switches faults mid-run; the generator restarts from the new seed.
    package func update(_ faults: SandboxFaults) {
        self.faults = faults
        generator = SeededGenerator(seed: faults.seed)
        tokens = Double(faults.rateLimit?.burst ?? 0)
        refilledAt = clock.now()
    }

    /// The fault to answer with instead of handling the request, or nil to handle it.
    func beforeRequest() -> Fault? {
        let fault = decide()
        if let fault { injected[fault, default: 0] += 1 }
        return fault
    }

    private func decide() -> Fault? {
        if let limit = faults.rateLimit {
            let now = clock.now()
            tokens = min(Double(limit.burst), tokens + now.timeIntervalSince(refilledAt) * limit.requestsPerSecond)
            refilledAt = now
            guard tokens >= 1 else { return .rateLimited }
            tokens -= 1
        }
        if faults.throttleRate > 0, generator.unit() < faults.throttleRate { return .rateLimited }
        if faults.serverErrorRate > 0, generator.unit() < faults.serverErrorRate { return .serverError }
        return nil
    }

    /// Whether to drop the response to a write that was applied.
    func dropAfterWrite() -> Bool {
        guard faults.dropResponseRate > 0, generator.unit() < faults.dropResponseRate else { return false }
        droppedResponses += 1
        return true
    }
}
