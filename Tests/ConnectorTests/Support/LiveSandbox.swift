import AsyncHTTPClient
import AthenaOne
import Healthie
import RollcallHTTP
import Sandbox

/// Quick retries for tests: the same policy shape as production, with short waits.
let quickRetries = RetryPolicy(
    maxAttempts: 10, baseDelay: .milliseconds(5), maxDelay: .milliseconds(80), runBudget: 2_000)

/// Both simulators on loopback and connectors pointed at them; everything shuts down after `body`.
struct LiveSandbox: Sendable {
    let endpoints: SandboxEndpoints
    let server: SandboxServer
    let client: HTTPClient

    var store: SandboxStore { server.store }

    static func with<Value: Sendable>(
        _ state: SandboxState, athena: AthenaOptions = AthenaOptions(), healthie: HealthieOptions = HealthieOptions(),
        faults: SandboxFaults = .none, clock: any SandboxClock = SystemSandboxClock(),
        _ body: @escaping @Sendable (LiveSandbox) async throws -> Value
    ) async throws -> Value {
        let server = try SandboxServer(
            store: SandboxStore(state: state), athena: athena, healthie: healthie, faults: faults, clock: clock)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let value = try await server.run { endpoints in
                try await body(LiveSandbox(endpoints: endpoints, server: server, client: client))
            }
            try await client.shutdown()
            guard let value else { throw SandboxStopped() }
            return value
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    func athena(
        clientID: String = AthenaState.defaultClient.id, secret: String = AthenaState.defaultClient.secret,
        retry: RetryPolicy = quickRetries, concurrency: Int = 4, maxConcurrency: Int = 8,
        clock: any WaitClock = SystemWaitClock()
    ) -> AthenaConnector {
        AthenaConnector(
            AthenaConnection(
                baseURL: endpoints.athenaBaseURL,
                credentials: AthenaCredentials(clientID: clientID, clientSecret: secret), retry: retry,
                initialConcurrency: concurrency, maxConcurrency: maxConcurrency, timeout: .seconds(10), clock: clock),
            client: client)
    }

    func healthie(
        key: String? = nil, version: String = HealthieConnection.defaultVersion, retry: RetryPolicy = quickRetries,
        permissions: [String] = HealthieDocuments.allPermissions, memberPageSize: Int? = nil
    ) -> HealthieConnector {
        HealthieConnector(
            HealthieConnection(
                url: endpoints.healthieURL, apiKey: key ?? endpoints.healthieAPIKey ?? "", apiVersion: version,
                retry: retry, timeout: .seconds(10), permissions: permissions, memberPageSize: memberPageSize),
            client: client)
    }

    /// The requests one simulator answered, oldest first.
    func log(_ system: SandboxRequestRecord.System) async -> [SandboxRequestRecord] {
        await store.requestLog.filter { $0.system == system }
    }
}

struct SandboxStopped: Error {}
