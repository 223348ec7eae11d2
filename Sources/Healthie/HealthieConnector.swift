import AsyncHTTPClient
import Foundation
import RollcallCore
import RollcallHTTP

/// Where Healthie is, which key and API version to use, and how hard Rollcall may lean on it.
package struct HealthieConnection: Sendable {
    package var url: String
    /// Sent as `Authorization: Basic <key>` with `AuthorizationSource: API`.
    package var apiKey: String
    /// `Healthie-GraphQL-API-Version`. Versions before 2026-07-01 are refused from 2027-01-31.
    package var apiVersion: String
    package var retry: RetryPolicy
    package var initialConcurrency: Int
    package var maxConcurrency: Int
    package var timeout: Duration
    /// The `can_*` flags a member read asks for: every one Rollcall knows unless told;
    /// a plan passes those its config manages. Fewer flags make a member cheaper, so
    /// more fit on a page.
    package var permissions: [String]
    /// Members per page: by default as many as Healthie's complexity limit allows
    /// with `permissions` (`HealthieMemberPage`).
    package var memberPageSize: Int
    /// Where backoff reads the time and waits, and where it draws its jitter.
    package var clock: any WaitClock
    package var jitter: any JitterSource

    package static let productionURL = "https://api.gethealthie.com/graphql"
    package static let defaultVersion = "2026-07-01"

    package init(
        url: String = HealthieConnection.productionURL, apiKey: String,
        apiVersion: String = HealthieConnection.defaultVersion, retry: RetryPolicy = RetryPolicy(),
        initialConcurrency: Int = 4, maxConcurrency: Int = 8, timeout: Duration = .seconds(30),
        permissions: [String] = HealthieDocuments.allPermissions, memberPageSize: Int? = nil,
        clock: any WaitClock = SystemWaitClock(), jitter: any JitterSource = SystemJitter()
    ) {
        self.url = url
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.retry = retry
        self.initialConcurrency = initialConcurrency
        self.maxConcurrency = maxConcurrency
        self.timeout = timeout
        self.permissions = permissions.filter { HealthiePermission.isKnown($0) }.sorted()
        self.memberPageSize = memberPageSize ?? HealthieMemberPage.size(permissionCount: self.permissions.count)
        self.clock = clock
        self.jitter = jitter
    }
}

/// Healthie's GraphQL API: cursor-paged member reads, client searches by staff
/// email, and organization-membership writes. Staff are never written as
/// clients: this connector has no client mutation at all.
package struct HealthieConnector: Sendable {
    let connection: HealthieConnection
    let exchange: HTTPExchange
    let sender: RetryingSender
    let warningLog: WarningLog
    /// The member reads, asking for the connection's flags.
    let documents: MemberDocuments

    struct MemberDocuments: Sendable {
        var page: String
        var byKeywords: String
        var membership: String
    }

    package var ledger: RequestLedger { exchange.ledger }

    package init(_ connection: HealthieConnection, client: HTTPClient) {
        self.connection = connection
        let ledger = RequestLedger()
        let responsiveness = Responsiveness()
        exchange = HTTPExchange(
            client: client, ledger: ledger, timeout: connection.timeout, responsiveness: responsiveness)
        sender = RetryingSender(
            policy: connection.retry,
            concurrency: AdaptiveConcurrency(
                initial: connection.initialConcurrency, maximum: connection.maxConcurrency),
            ledger: ledger, clock: connection.clock, jitter: connection.jitter, responsiveness: responsiveness)
        warningLog = WarningLog()
        documents = MemberDocuments(
            page: HealthieDocuments.members(permissions: connection.permissions),
            byKeywords: HealthieDocuments.membersByKeywords(permissions: connection.permissions),
            membership: HealthieDocuments.membership(permissions: connection.permissions))
    }

    /// Every distinct warning Healthie sent during this run (a version nearing sunset, say).
    package var warnings: [HealthieWarning] {
        get async { await warningLog.all }
    }

    /// Runs a document, retrying throttling, 5xx and (for reads and updates) lost answers.
    /// `beforeRetry` runs before every retry and may settle the call instead, as a create does.
    func run<Variables: Encodable & Sendable, Payload: Decodable & Sendable>(
        _ document: String, operation: String, variables: Variables, as payload: Payload.Type,
        beforeRetry: (@Sendable () async throws -> Attempt<Payload>?)? = nil
    ) async throws -> Payload {
        let endpoint = "POST /graphql \(operation)"
        do {
            return try await sender.run(endpoint: endpoint) { retry in
                if retry > 0, let beforeRetry, let settled = try await beforeRetry() { return settled }
                return try await attempt(
                    document, operation: operation, variables: variables, as: payload, endpoint: endpoint)
            }
        } catch let exhausted as RetriesExhausted {
            throw HealthieError(.unavailable, "Healthie did not answer \(operation): \(exhausted); try again later")
        }
    }

    /// One try. Rate limits are recognised by `TOO_MANY_REQUESTS` whatever the HTTP status, and by 429.
    func attempt<Variables: Encodable & Sendable, Payload: Decodable & Sendable>(
        _ document: String, operation: String, variables: Variables, as payload: Payload.Type, endpoint: String
    ) async throws -> Attempt<Payload> {
        let body = try JSONEncoder().encode(
            GraphQLRequestBody(query: document, variables: variables, operationName: operation))
        let spec = HTTPRequestSpec(
            method: .POST, url: connection.url,
            headers: [
                ("Authorization", "Basic \(connection.apiKey)"), ("AuthorizationSource", "API"),
                ("Healthie-GraphQL-API-Version", connection.apiVersion), ("Content-Type", "application/json"),
            ], body: body)
        let answer: HTTPAnswer
        do {
            answer = try await exchange.send(spec, endpoint: endpoint)
        } catch {
            return error.attempt()
        }
        let envelope = try? JSONDecoder().decode(GraphQLEnvelope<Payload>.self, from: answer.body)
        if let warnings = envelope?.extensions?.warnings { await warningLog.add(warnings) }
        let codes = (envelope?.errors ?? []).compactMap { $0.extensions?.code }
        if answer.status == 429 || codes.contains("TOO_MANY_REQUESTS") {
            return .throttled(retryAfter: answer.retryAfter(), reason: "rate limited, request id \(answer.requestID)")
        }
        if answer.isServerError {
            return .transient(reason: "HTTP \(answer.status), request id \(answer.requestID)")
        }
        guard let envelope else {
            throw HealthieError(
                .malformedAnswer, "Healthie answered \(operation) with HTTP \(answer.status) and no GraphQL body",
                requestID: answer.requestID)
        }
        if let errors = envelope.errors, !errors.isEmpty {
            throw Self.explain(errors, operation: operation, version: connection.apiVersion, answer: answer)
        }
        guard let data = envelope.data else {
            throw HealthieError(
                .malformedAnswer, "Healthie answered \(operation) without data", requestID: answer.requestID)
        }
        return .done(data)
    }

    static func explain<Payload>(
        _ errors: [GraphQLEnvelope<Payload>.ErrorEntry], operation: String, version: String, answer: HTTPAnswer
    ) -> HealthieError {
        let messages = errors.map { HealthieError.FieldMessage(field: nil, message: $0.message) }
        let codes = Set(errors.compactMap { $0.extensions?.code })
        if codes.contains("UNAUTHENTICATED") {
            return HealthieError(
                .badKey,
                "Healthie refused the API key; check HEALTHIE_API_KEY (Rollcall sends it as "
                    + "`Authorization: Basic <key>` with `AuthorizationSource: API`)",
                messages: messages, requestID: answer.requestID)
        }
        if codes.contains("FORBIDDEN") {
            return HealthieError(
                .notAdmin,
                "the Healthie API key belongs to someone who is not an organization admin, and only admins may "
                    + "list or change staff memberships; create the key as an admin user and set HEALTHIE_API_KEY",
                messages: messages, requestID: answer.requestID)
        }
        if codes.contains("UNSUPPORTED_API_VERSION") || codes.contains("MISSING_API_VERSION_HEADER") {
            return HealthieError(
                .unsupportedVersion,
                "Healthie does not accept API version \(version); set systems.healthie.api_version to a current release",
                messages: messages, requestID: answer.requestID)
        }
        return HealthieError(
            .rejected, "Healthie refused \(operation)", messages: messages, requestID: answer.requestID)
    }
}

/// Warnings seen so far, each once, in the order first seen.
actor WarningLog {
    private(set) var all: [HealthieWarning] = []

    func add(_ warnings: [HealthieWarning]) {
        for warning in warnings where !all.contains(warning) { all.append(warning) }
    }
}
