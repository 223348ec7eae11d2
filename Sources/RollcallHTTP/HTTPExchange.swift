import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP request as a connector builds it.
package struct HTTPRequestSpec: Sendable {
    package var method: HTTPMethod
    package var url: String
    package var headers: [(String, String)]
    package var body: Data?

    package init(method: HTTPMethod, url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An answer, whatever its status, with the `X-Request-Id` the request carried.
package struct HTTPAnswer: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: Data
    package var requestID: String

    package init(status: Int, headers: HTTPHeaders, body: Data, requestID: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.requestID = requestID
    }

    package var isServerError: Bool { (500...599).contains(status) }

    /// `Retry-After` as a delay, when the server sent one (seconds, or an HTTP date).
    package func retryAfter(now: Date = Date()) -> Duration? {
        guard let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Int(value), seconds >= 0 { return .seconds(seconds) }
        guard let date = Self.httpDate(value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }

    /// An HTTP date (`Mon, 07 Dec 2026 15:06:47 GMT`), as `Date` and `Retry-After` send it.
    package static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

/// The request never got an answer: the connection failed, was reset or timed out.
/// For a write, nobody can tell whether the server applied it.
package struct NoAnswer: Error, Sendable, CustomStringConvertible {
    package var endpoint: String
    package var requestID: String
    package var reason: String
    /// The connection was refused or the host's name did not resolve: nothing was sent.
    package var unreachable = false

    /// The try this comes to: a host that cannot be reached is not tried again.
    package func attempt<Value: Sendable>() -> Attempt<Value> {
        unreachable ? .unreachable(reason: description) : .transient(reason: description)
    }

    package var description: String { "\(endpoint) got no answer (\(reason); request id \(requestID))" }
}

/// Sends requests over one `HTTPClient`, stamping each with a fresh `X-Request-Id`
/// and counting it in the run's ledger under its endpoint.
package struct HTTPExchange: Sendable {
    package let client: HTTPClient
    package let ledger: RequestLedger
    package var timeout: Duration
    package let responsiveness: Responsiveness
    package static let maxBody = 64 << 20

    package init(
        client: HTTPClient, ledger: RequestLedger, timeout: Duration = .seconds(30),
        responsiveness: Responsiveness = Responsiveness()
    ) {
        self.client = client
        self.ledger = ledger
        self.timeout = timeout
        self.responsiveness = responsiveness
    }

    /// Sends `spec`; `endpoint` names it in the ledger and in errors (`GET /v1/{practiceid}/users`).
    package func send(_ spec: HTTPRequestSpec, endpoint: String) async throws(NoAnswer) -> HTTPAnswer {
        let requestID = UUID().uuidString.lowercased()
        var request = HTTPClientRequest(url: spec.url)
        request.method = spec.method
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
        request.headers.replaceOrAdd(name: "User-Agent", value: "rollcall")
        if let body = spec.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        await ledger.sent(endpoint)
        RequestIDLog.current?.append(requestID)
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            let bytes = try await response.body.collect(upTo: Self.maxBody)
            await ledger.answered(
                endpoint, status: Int(response.status.code), date: response.headers.first(name: "Date"))
            responsiveness.answered()
            return HTTPAnswer(
                status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView),
                requestID: requestID)
        } catch {
            await ledger.answered(endpoint, status: nil)
            if Self.isTimeout(error) { responsiveness.timedOut() }
            var lost = NoAnswer(
                endpoint: endpoint, requestID: requestID, reason: Self.redacted("\(error)", spec.headers))
            lost.unreachable = Self.isUnreachable(error)
            throw lost
        }
    }

    /// A refused connection or a name that does not resolve, as NIO and the resolver word them:
    /// the request never left, and it is no rate limit or outage to wait out.
    static func isUnreachable(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return [
            "Connection refused", "UnknownHost", "Name or service not known", "No address associated",
            "nodename nor servname",
        ].contains { text.contains($0) }
    }

    /// A request that got no answer within its time, as opposed to one refused or cut off.
    static func isTimeout(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
                || error == .writeTimeout
        }
        return false
    }

    /// `text` with every header value of the request (and each credential inside one, after
    /// `Bearer ` or `Basic `) replaced, so no error message can carry a secret.
    package static func redacted(_ text: String, _ headers: [(String, String)]) -> String {
        var result = text
        var secrets: [String] = []
        for (_, value) in headers {
            secrets.append(value)
            if let space = value.firstIndex(of: " ") { secrets.append(String(value[value.index(after: space)...])) }
        }
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            for form in [secret, secret.trimmingCharacters(in: .whitespacesAndNewlines)] where form.count >= 4 {
                result = result.replacingOccurrences(of: form, with: "<redacted>")
            }
        }
        return result
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The method type connectors name requests with, so they need not import NIO themselves.
package typealias HTTPMethod = NIOHTTP1.HTTPMethod
