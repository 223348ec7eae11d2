import AsyncHTTPClient
import AthenaOne
import Healthie
import RollcallHTTP
import RollcallTestSupport
import Sandbox

/// Quick retries for tests: the same policy shape as production, with short waits.
let quickRetries = RetryPolicy(
    maxAttempts: 10, baseDelay: .milliseconds(5), maxDelay: .milliseconds(80), runBudget: 2_000)

/// The shared sandbox session, with connectors pointed at it.
typealias LiveSandbox = SandboxSession

extension SandboxSession {
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
}
