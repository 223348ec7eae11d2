import Foundation
import RollcallHTTP

/// athenaOne's OAuth `client_credentials` token, fetched once and shared by every request.
///
/// - Single flight: however many callers need a token at once, one request is made.
/// - Refreshed before it expires: when less than a tenth of its lifetime, or a
///   minute, remains (whichever is sooner), so a long read never runs on a token
///   about to die; production clients subtract a minute for the same reason.
/// - A 401 replaces the token once (`replace(stale:)`); callers retry once.
/// - Never more token requests than athenaOne allows (5 a minute in preview, 50 in
///   production): past that it answers 429 for the rest of the minute, so a long
///   run or a storm of 401s waits for the window instead of locking itself out.
///   The window is kept a little longer than a minute, since athenaOne counts from
///   when each request reached it, and a token's lifetime from when it was issued:
///   both are measured here from when the request left.
/// - The secret and the token never appear in errors or logs.
actor AthenaTokenCache {
    struct Token: Sendable {
        var value: String
        var refreshAt: Duration
    }

    private let credentials: AthenaCredentials
    private let tokenURL: String
    private let exchange: HTTPExchange
    private let requestsPerMinute: Int
    private let clock: any WaitClock
    private var current: Token?
    private var pending: Task<Token, any Error>?
    private var requestTimes: [Duration] = []
    /// athenaOne's minute, with room for requests that take longer to arrive than others.
    static let requestWindow = Duration.seconds(62)

    init(
        credentials: AthenaCredentials, baseURL: String, exchange: HTTPExchange, requestsPerMinute: Int,
        clock: any WaitClock
    ) {
        self.credentials = credentials
        self.clock = clock
        tokenURL = baseURL + AthenaAPI.tokenPath
        self.exchange = exchange
        self.requestsPerMinute = max(1, requestsPerMinute)
    }

    /// A token with time left on it.
    func token() async throws -> String {
        if let current, clock.now() < current.refreshAt { return current.value }
        return try await refresh().value
    }

    /// A token other than `stale`, which athenaOne has just refused with a 401.
    func replace(stale: String) async throws -> String {
        if let current, current.value != stale, clock.now() < current.refreshAt { return current.value }
        if current?.value == stale { current = nil }
        return try await refresh().value
    }

    private func refresh() async throws -> Token {
        if let pending { return try await pending.value }
        let task = Task { try await self.fetch() }
        pending = task
        do {
            let token = try await task.value
            current = token
            pending = nil
            return token
        } catch {
            pending = nil
            throw error
        }
    }

    private func fetch() async throws -> Token {
        var transientFailures = 0
        while true {
            try await waitForRequestSlot()
            let sentAt = clock.now()
            let answer: HTTPAnswer
            do {
                answer = try await exchange.send(request(), endpoint: AthenaAPI.Endpoint.token)
            } catch let lost as NoAnswer where lost.unreachable {
                throw AthenaError(
                    .unavailable,
                    "athenaOne cannot be reached: \(lost); nothing was sent, so it was not tried again: check the "
                        + "base_url, the network and DNS")
            } catch {
                transientFailures += 1
                guard transientFailures < 3 else {
                    throw AthenaError(.unavailable, "athenaOne's token endpoint did not answer: \(error)")
                }
                try await clock.sleep(for: .milliseconds(200 * transientFailures))
                continue
            }
            switch answer.status {
            case 200:
                return try parse(answer, sentAt: sentAt)
            case 429:
                // Someone else spent this client's token requests; wait out the minute.
                requestTimes = Array(repeating: clock.now(), count: requestsPerMinute)
                continue
            case 500...599:
                transientFailures += 1
                guard transientFailures < 3 else {
                    throw AthenaError.answered(answer, .unavailable, "athenaOne's token endpoint kept failing")
                }
                try await clock.sleep(for: .milliseconds(200 * transientFailures))
            default:
                let body = try? JSONDecoder().decode(AthenaErrorBody.self, from: answer.body)
                if body?.error == "invalid_scope" {
                    throw AthenaError.answered(
                        answer, .missingScope,
                        "athenaOne client \(credentials.clientID) may not ask for the scopes Rollcall needs "
                            + "(\(AthenaAPI.scopes.joined(separator: ", "))); grant them to the client")
                }
                throw AthenaError.answered(
                    answer, .badCredentials,
                    "athenaOne refused the credentials of client \(credentials.clientID); "
                        + "check ATHENA_CLIENT_ID and ATHENA_CLIENT_SECRET")
            }
        }
    }

    /// Waits until a token request fits in the last minute's allowance, and claims it.
    private func waitForRequestSlot() async throws {
        while true {
            let now = clock.now()
            requestTimes.removeAll { now - $0 >= Self.requestWindow }
            if requestTimes.count < requestsPerMinute {
                requestTimes.append(now)
                return
            }
            if let oldest = requestTimes.min() {
                try await clock.sleep(for: oldest + Self.requestWindow - now)
            }
        }
    }

    /// Whether athenaOne grants this client `scope` on its own: one token request, its token
    /// dropped, for `rollcall doctor` to name the scope a refused request lacked.
    func grants(scope: String) async throws -> Bool {
        try await waitForRequestSlot()
        let answer: HTTPAnswer
        do {
            answer = try await exchange.send(request(scopes: [scope]), endpoint: AthenaAPI.Endpoint.token)
        } catch {
            throw AthenaError(.unavailable, "athenaOne's token endpoint did not answer: \(error)")
        }
        if answer.status == 200 { return true }
        let body = try? JSONDecoder().decode(AthenaErrorBody.self, from: answer.body)
        guard body?.error == "invalid_scope" else {
            throw AthenaError.answered(answer, .badCredentials, "athenaOne refused a token request for \(scope)")
        }
        return false
    }

    private func request(scopes: [String] = AthenaAPI.scopes) -> HTTPRequestSpec {
        let basic = Data("\(credentials.clientID):\(credentials.clientSecret)".utf8).base64EncodedString()
        let body = AthenaFormEncoding.encode([
            ("grant_type", "client_credentials"), ("scope", scopes.joined(separator: " ")),
        ])
        return HTTPRequestSpec(
            method: .POST, url: tokenURL,
            headers: [("Authorization", "Basic \(basic)"), ("Content-Type", AthenaFormEncoding.contentType)],
            body: Data(body.utf8))
    }

    private func parse(_ answer: HTTPAnswer, sentAt: Duration) throws -> Token {
        guard let body = try? JSONDecoder().decode(TokenBody.self, from: answer.body), !body.access_token.isEmpty
        else { throw AthenaError.malformed(answer, "a token request") }
        let lifetime = Duration.seconds(max(1, body.expires_in.value ?? 3600))
        let margin = min(.seconds(60), lifetime / 10)
        return Token(value: body.access_token, refreshAt: sentAt + lifetime - margin)
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    private struct TokenBody: Decodable {
        var access_token: String
        /// A number, or a string holding one, as real answers may send it.
        var expires_in: LenientInt
    }
}
