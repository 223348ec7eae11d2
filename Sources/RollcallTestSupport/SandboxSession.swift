import AsyncHTTPClient
import Sandbox

/// Both simulators on loopback, on ports the system picks, with one HTTP client:
/// the one way tests start a sandbox. `with` always shuts the server and the
/// client down, even when the test body throws.
package struct SandboxSession: Sendable {
    package let endpoints: SandboxEndpoints
    package let server: SandboxServer
    package let client: HTTPClient

    package var store: SandboxStore { server.store }

    package static func with<Value: Sendable>(
        _ state: SandboxState, athena: AthenaOptions = AthenaOptions(), healthie: HealthieOptions = HealthieOptions(),
        faults: SandboxFaults = .none, clock: any SandboxClock = SystemSandboxClock(),
        _ body: @escaping @Sendable (SandboxSession) async throws -> Value
    ) async throws -> Value {
        let server = try SandboxServer(
            store: SandboxStore(state: state), athena: athena, healthie: healthie, faults: faults, clock: clock)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let value = try await server.run { endpoints in
                try await body(SandboxSession(endpoints: endpoints, server: server, client: client))
            }
            try await client.shutdown()
            guard let value else { throw SandboxStopped() }
            return value
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    /// The requests one simulator answered, oldest first.
    package func log(_ system: SandboxRequestRecord.System) async -> [SandboxRequestRecord] {
        await store.requestLog.filter { $0.system == system }
    }
}

/// The sandbox stopped (a signal, a failed bind) before the test body finished.
package struct SandboxStopped: Error, CustomStringConvertible {
    package var description: String { "the sandbox stopped before the test ended" }
}
