import Foundation

/// Athena's OAuth token issuer: client credentials in, short-lived bearer tokens out,
/// and no more than `requestsPerMinute` new tokens per client in any minute.
actor AthenaTokens {
    struct Grant: Sendable {
        var clientID: String
        var scopes: Set<String>
        var expires: Date
    }

    struct Issued: Sendable {
        var token: String
        var grant: Grant
    }

    enum Refusal: Error, Sendable {
        case invalidClient
        case invalidScope(String)
        case tooManyRequests(retryAt: Date)
    }

    private let clock: any SandboxClock
    private let lifetime: TimeInterval
    private let requestsPerMinute: Int
    private var grants: [String: Grant] = [:]
    /// Per client: when its current one-minute window opened and how many tokens it got in it.
    private var windows: [String: (opened: Date, count: Int)] = [:]
    private var serial: UInt64 = 0

    init(clock: any SandboxClock, lifetime: TimeInterval, requestsPerMinute: Int) {
        self.clock = clock
        self.lifetime = lifetime
        self.requestsPerMinute = requestsPerMinute
    }

    /// A new token for a client whose credentials and requested scopes check out.
    func issue(
        clientID: String, secret: String, requested: [String], clients: [AthenaClient]
    ) -> Result<Issued, Refusal> {
        guard let client = clients.first(where: { $0.id == clientID }), client.secret == secret else {
            return .failure(.invalidClient)
        }
        let now = clock.now()
        var window = windows[clientID] ?? (now, 0)
        if now.timeIntervalSince(window.opened) >= 60 { window = (now, 0) }
        guard window.count < requestsPerMinute else {
            return .failure(.tooManyRequests(retryAt: window.opened.addingTimeInterval(60)))
        }
        let allowed = Set(client.scopes)
        var scopes: Set<String> = requested.isEmpty ? allowed : []
        for scope in requested {
            // `athena/service/Athenanet.MDP.*`, as public athenahealth scripts ask: every scope of the
            // client under that prefix.
            if scope.hasSuffix(".*") {
                let matching = allowed.filter { $0.hasPrefix(scope.dropLast()) }
                guard !matching.isEmpty else { return .failure(.invalidScope(scope)) }
                scopes.formUnion(matching)
            } else {
                guard allowed.contains(scope) else { return .failure(.invalidScope(scope)) }
                scopes.insert(scope)
            }
        }
        window.count += 1
        windows[clientID] = window
        serial += 1
        let token = "sbx-\(clientID.utf8.count)-\(serial)-\(UInt64(now.timeIntervalSince1970 * 1000))"
        let grant = Grant(clientID: clientID, scopes: scopes, expires: now.addingTimeInterval(lifetime))
        grants[token] = grant
        return .success(Issued(token: token, grant: grant))
    }

    /// The grant behind a bearer token, or nil when the token is unknown or expired.
    func grant(for token: String) -> Grant? {
        guard let grant = grants[token] else { return nil }
        guard clock.now() < grant.expires else {
            grants[token] = nil
            return nil
        }
        return grant
    }
}
