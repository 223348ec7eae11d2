import AsyncHTTPClient
import Foundation
import Healthie
import NIOHTTP1
import RollcallTestSupport
import Testing

@testable import AthenaOne
@testable import RollcallHTTP

/// The retry policy, adaptive concurrency and lenient reading that both connectors share.
@Suite struct SharedPlumbingTests {
    @Test func backoffIsExponentialWithFullJitterAndHonoursRetryAfter() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(2), maxRetryAfter: .seconds(30))
        #expect(policy.delay(retry: 1, retryAfter: nil, unit: 0.999) <= .milliseconds(100))
        #expect(policy.delay(retry: 3, retryAfter: nil, unit: 0.5) == .milliseconds(200))
        #expect(policy.delay(retry: 3, retryAfter: nil, unit: 0) == .zero)
        #expect(policy.delay(retry: 20, retryAfter: nil, unit: 0.5) == .seconds(1))
        #expect(policy.delay(retry: 1, retryAfter: .seconds(7), unit: 0.1) == .seconds(7))
        #expect(policy.delay(retry: 1, retryAfter: .seconds(300), unit: 0.1) == .seconds(30))
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        func answer(_ value: String?) -> HTTPAnswer {
            var headers = HTTPHeaders()
            if let value { headers.add(name: "Retry-After", value: value) }
            return HTTPAnswer(status: 429, headers: headers, body: Data(), requestID: "r")
        }
        #expect(answer(nil).retryAfter() == nil)
        #expect(answer("12").retryAfter() == .seconds(12))
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let later = answer("Sun, 19 Nov 2026 09:27:00 GMT").retryAfter(now: now)
        #expect(later == .milliseconds(Int((1_795_080_420 - 1_795_000_000) * 1000)))
        #expect(answer("soon").retryAfter() == nil)
    }

    @Test func concurrencyHalvesWhenThrottledAndGrowsBackSlowly() async throws {
        let concurrency = AdaptiveConcurrency(initial: 8, maximum: 8)
        _ = try await concurrency.run({ true }, throttled: { $0 })
        #expect(await concurrency.limit == 4)
        _ = try await concurrency.run({ true }, throttled: { $0 })
        #expect(await concurrency.limit == 2)
        _ = try await concurrency.run({ false }, throttled: { $0 })
        #expect(await concurrency.limit == 2.5)
        for _ in 0..<100 { _ = try await concurrency.run({ false }, throttled: { $0 }) }
        #expect(await concurrency.limit == 8)
        for _ in 0..<10 { _ = try await concurrency.run({ true }, throttled: { $0 }) }
        #expect(await concurrency.limit == 1)
    }

    /// No more requests are in flight than the limit allows, however many callers wait.
    @Test func concurrencyNeverExceedsTheLimit() async throws {
        let concurrency = AdaptiveConcurrency(initial: 3, maximum: 3)
        let gauge = InFlightGauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    _ = try await concurrency.run(
                        {
                            await gauge.enter()
                            try await Task.sleep(for: .milliseconds(20))
                            await gauge.leave()
                            return false
                        }, throttled: { $0 })
                }
            }
            try await group.waitForAll()
        }
        #expect(await gauge.peak == 3)
    }

    @Test func theRunBudgetEndsRetriesAcrossRequests() async throws {
        let sender = RetryingSender(
            policy: RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(1), runBudget: 3),
            concurrency: AdaptiveConcurrency(), ledger: RequestLedger())
        let error = await #expect(throws: RetriesExhausted.self) {
            let _: Int = try await sender.run(endpoint: "GET /x") { _ in .transient(reason: "HTTP 503") }
        }
        #expect(error?.budgetSpent == true)
        #expect(error?.description == "GET /x: the run's retry budget is spent; last answer: HTTP 503")
        #expect(await sender.ledger.counts.retries == 3)
    }

    /// athenaOne's docs show numbers and booleans; real answers send strings. Both read the same.
    @Test func idsAndBooleansReadAsStringsOrNumbers() throws {
        let documented =
            #"{"totalcount": 1, "users": [{"userid": 101, "username": "jdoe", "active": true, "departmentids": [1, 2]}]}"#
        let real =
            #"{"totalcount": "1", "users": [{"userid": "101", "username": "jdoe", "active": "true", "departmentids": ["1", "2"]}]}"#
        let form = #"{"totalcount": 1, "users": [{"userid": "101", "username": "jdoe", "departmentids": "1,2"}]}"#
        let padded =
            #"{"totalcount": " 1", "users": [{"userid": "\t101 ", "username": "jdoe", "departmentids": " 1 , 2"}]}"#
        let pages = try [documented, real, form, padded].map {
            try AthenaListPage<AthenaUserRecord>.decode(Data($0.utf8)).records.map { try $0.live() }
        }
        #expect(pages[0] == pages[1])
        #expect(pages[1] == pages[2])
        #expect(pages[2] == pages[3])
        #expect(pages[0].first?.userID == 101)
        #expect(pages[0].first?.departmentIDs == [1, 2])
        let bad = #"{"totalcount": 1, "users": [{"userid": "one", "username": "jdoe"}]}"#
        #expect(throws: DecodingError.self) { try AthenaListPage<AthenaUserRecord>.decode(Data(bad.utf8)) }
    }

    @Test func formsAreEncodedAsAthenaExpects() {
        let body = AthenaFormEncoding.encode([
            ("email", "a+b@x.org"), ("schedulingname", "Dr O'Neil & Co"), ("ids", "1,2"),
        ])
        #expect(body == "email=a%2Bb%40x.org&schedulingname=Dr%20O%27Neil%20%26%20Co&ids=1%2C2")
    }
}

actor InFlightGauge {
    private var now = 0
    private(set) var peak = 0

    func enter() {
        now += 1
        peak = max(peak, now)
    }

    func leave() { now -= 1 }
}

@Suite struct RedactionTests {
    @Test func headerValuesAndTheCredentialsInsideThemNeverReachAnErrorMessage() {
        let headers = [("Authorization", "Basic healthie-key-789\r"), ("X-Other", "ok")]
        let message = #"invalidHeaderFieldValues(["Basic healthie-key-789\r"]) and healthie-key-789 again"#
        let redacted = HTTPExchange.redacted(message, headers)
        #expect(!redacted.contains("healthie-key-789"))
        #expect(redacted.contains("<redacted>"))
    }
}

/// A server that accepts connections and never answers stops a read after two timeouts in a
/// row, with a message that says so, instead of waiting out every retry.
@Suite struct SilentServerTests {
    /// A loopback socket that listens and never accepts: connections open, no answer ever comes.
    static func silentPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        listen(descriptor, 16)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnAfterTwoTimeouts() async throws {
        let (descriptor, port) = try Self.silentPort()
        defer { close(descriptor) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let healthie = HealthieConnector(
            HealthieConnection(
                url: "http://127.0.0.1:\(port)/graphql", apiKey: "k", retry: quickRetries, timeout: .milliseconds(300),
                clock: VirtualWaitClock()),
            client: client)
        let error = await #expect(throws: HealthieError.self) { try await healthie.members() }
        #expect(error?.description.contains("not answering") == true, "\(String(describing: error))")
        #expect(await healthie.ledger.counts.requests.values.reduce(0, +) == 2)
        try await client.shutdown()
    }
}
