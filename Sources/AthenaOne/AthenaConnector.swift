import AsyncHTTPClient
import Foundation
import RollcallHTTP

/// Where athenaOne is and how hard Rollcall may lean on it.
package struct AthenaConnection: Sendable {
    /// The API host without `/v1` (`https://api.platform.athenahealth.com`).
    package var baseURL: String
    package var credentials: AthenaCredentials
    /// New tokens athenaOne grants a client per minute: 5 in preview, 50 in production.
    package var tokenRequestsPerMinute: Int
    package var retry: RetryPolicy
    /// Requests in flight at first, and at most, across all practices.
    package var initialConcurrency: Int
    package var maxConcurrency: Int
    /// Per request; a write that times out is treated as lost, never as failed.
    package var timeout: Duration
    /// Where backoff and tokens read the time and wait, and where backoff draws its jitter.
    package var clock: any WaitClock
    package var jitter: any JitterSource

    package static let productionURL = "https://api.platform.athenahealth.com"
    /// The most requests in flight unless told otherwise (the bench's ideal read counts on it).
    package static let defaultMaxConcurrency = 8

    package init(
        baseURL: String = AthenaConnection.productionURL, credentials: AthenaCredentials,
        tokenRequestsPerMinute: Int = 5, retry: RetryPolicy = RetryPolicy(), initialConcurrency: Int = 4,
        maxConcurrency: Int = AthenaConnection.defaultMaxConcurrency, timeout: Duration = .seconds(30),
        clock: any WaitClock = SystemWaitClock(),
        jitter: any JitterSource = SystemJitter()
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.tokenRequestsPerMinute = tokenRequestsPerMinute
        self.retry = retry
        self.initialConcurrency = initialConcurrency
        self.maxConcurrency = maxConcurrency
        self.timeout = timeout
        self.clock = clock
        self.jitter = jitter
    }
}

/// athenaOne's REST API: paged reads of users, providers and departments per
/// practice, and single form-encoded writes that survive full-PUT resets and
/// lost answers.
package struct AthenaConnector: Sendable {
    let baseURL: String
    let tokens: AthenaTokenCache
    let exchange: HTTPExchange
    let sender: RetryingSender

    /// Every request this connector made, for the plan header and the benchmark.
    package var ledger: RequestLedger { exchange.ledger }

    package init(_ connection: AthenaConnection, client: HTTPClient) {
        baseURL = connection.baseURL
        let ledger = RequestLedger()
        let responsiveness = Responsiveness()
        exchange = HTTPExchange(
            client: client, ledger: ledger, timeout: connection.timeout, responsiveness: responsiveness)
        tokens = AthenaTokenCache(
            credentials: connection.credentials, baseURL: connection.baseURL, exchange: exchange,
            requestsPerMinute: connection.tokenRequestsPerMinute, clock: connection.clock)
        sender = RetryingSender(
            policy: connection.retry,
            concurrency: AdaptiveConcurrency(
                initial: connection.initialConcurrency, maximum: connection.maxConcurrency),
            ledger: ledger, clock: connection.clock, jitter: connection.jitter, responsiveness: responsiveness)
    }

    /// One try of a request with a bearer token; a 401 gets one fresh token and one more try.
    func authorized(
        endpoint: String, _ build: @Sendable (_ token: String) -> HTTPRequestSpec
    ) async throws -> HTTPAnswer {
        let token = try await tokens.token()
        let answer = try await exchange.send(build(token), endpoint: endpoint)
        guard answer.status == 401 else { return answer }
        let fresh = try await tokens.replace(stale: token)
        let again = try await exchange.send(build(fresh), endpoint: endpoint)
        guard again.status == 401 else { return again }
        throw AthenaError.answered(
            again, .unauthorized, "athenaOne refused a fresh token for \(endpoint); check the client's access")
    }

    /// An idempotent request (GET, full PUT), retried on 429, 5xx and lost answers.
    /// Answers with other statuses come back for the caller to read.
    func idempotent(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], form: [(String, String)]? = nil,
        endpoint: String
    ) async throws -> HTTPAnswer {
        let url = self.url(path, query: query)
        let body = form.map { Data(AthenaFormEncoding.encode($0).utf8) }
        do {
            return try await sender.run(endpoint: endpoint) { _ in
                let answer: HTTPAnswer
                do {
                    answer = try await authorized(endpoint: endpoint) { token in
                        var headers = [("Authorization", "Bearer \(token)")]
                        if body != nil { headers.append(("Content-Type", AthenaFormEncoding.contentType)) }
                        return HTTPRequestSpec(method: method, url: url, headers: headers, body: body)
                    }
                } catch let lost as NoAnswer {
                    return lost.attempt()
                }
                return Self.classify(answer)
            }
        } catch let exhausted as RetriesExhausted {
            throw AthenaError.unavailable(exhausted, endpoint)
        }
    }

    /// 429 is throttling (athenaOne sends no Retry-After, but one is honoured if sent); 5xx is passing.
    static func classify(_ answer: HTTPAnswer) -> Attempt<HTTPAnswer> {
        if answer.status == 429 {
            return .throttled(retryAfter: answer.retryAfter(), reason: "HTTP 429, request id \(answer.requestID)")
        }
        if answer.isServerError { return .transient(reason: "HTTP \(answer.status), request id \(answer.requestID)") }
        return .done(answer)
    }

    func url(_ path: String, query: [(String, String)]) -> String {
        query.isEmpty ? baseURL + path : baseURL + path + "?" + AthenaFormEncoding.encode(query)
    }
}
