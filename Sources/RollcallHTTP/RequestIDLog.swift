import Synchronization

/// The `X-Request-Id`s of every request sent while a log is bound to the task:
/// how an audit line names the requests behind one write without the
/// connectors' write methods returning them.
package final class RequestIDLog: Sendable {
    @TaskLocal package static var current: RequestIDLog?

    private let ids = Mutex<[String]>([])

    package init() {}

    package func append(_ id: String) {
        ids.withLock { $0.append(id) }
    }

    package var all: [String] { ids.withLock { $0 } }

    /// Runs `body` with a fresh log bound, and returns what it made with the ids it sent.
    package static func collecting<Value: Sendable>(
        _ body: () async throws -> Value
    ) async -> (result: Result<Value, any Error>, requestIDs: [String]) {
        let log = RequestIDLog()
        let result: Result<Value, any Error>
        do {
            result = .success(try await $current.withValue(log) { try await body() })
        } catch {
            result = .failure(error)
        }
        return (result, log.all)
    }
}
