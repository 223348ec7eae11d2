import Foundation

/// The live state both simulators share, and the log of every request they answered.
///
/// With a state file, every change is written to it before the request is answered
/// (atomically: a crash leaves the old or the new state, never half of one);
/// without one the state lives in memory, as tests want.
package actor SandboxStore {
    package private(set) var state: SandboxState
    private let stateFile: URL?
    /// Held while this store serves `stateFile`.
    private let lock: StateFileLock?
    private var log: [SandboxRequestRecord] = []
    /// Counts the changes to `state`, so values derived from it know when they are stale.
    private var revision = 0
    private var derivedValues: [String: (revision: Int, value: any Sendable)] = [:]

    package init(state: SandboxState) {
        self.state = state
        stateFile = nil
        lock = nil
    }

    /// Opens a state file written by `rollcall sandbox init`, and holds it until this store
    /// is gone: a second process that opens it is told who serves it.
    package init(stateFile: URL) throws {
        lock = try StateFileLock(for: stateFile)
        state = try SandboxState.read(stateFile: stateFile)
        self.stateFile = stateFile
    }

    /// Runs `change` on the state and saves the result; when `change` throws, nothing changes.
    package func update<Result: Sendable>(
        _ change: @Sendable (inout SandboxState) throws -> Result
    ) throws -> Result {
        var next = state
        let result = try change(&next)
        if next != state {
            if let stateFile { try next.encodedJSON().write(to: stateFile, options: .atomic) }
            state = next
            revision += 1
        }
        return result
    }

    /// A value computed from the state once per change of it: a listing sorted once
    /// instead of on every page of a long read.
    package func derived<Value: Sendable>(_ key: String, _ compute: @Sendable (SandboxState) -> Value) -> Value {
        if let cached = derivedValues[key], cached.revision == revision, let value = cached.value as? Value {
            return value
        }
        let value = compute(state)
        derivedValues[key] = (revision, value)
        return value
    }

    package func record(_ request: SandboxRequestRecord) {
        log.append(request)
    }

    /// Every request answered so far, oldest first.
    package var requestLog: [SandboxRequestRecord] { log }

    package func clearRequestLog() {
        log.removeAll()
    }
}

/// One request as a simulator received it, so a test can prove what a client sent.
package struct SandboxRequestRecord: Sendable, Hashable, Codable {
    package enum System: String, Sendable, Hashable, Codable { case athena, healthie }

    package var system: System
    package var method: String
    package var path: String
    package var query: String
    package var contentType: String?
    package var body: String
    package var status: Int
    /// True when the request changed the live state.
    package var wrote: Bool
    /// The `X-Request-Id` the client sent, if any.
    package var requestID: String?

    package init(
        system: System, method: String, path: String, query: String, contentType: String?, body: String, status: Int,
        wrote: Bool, requestID: String? = nil
    ) {
        self.system = system
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.body = body
        self.status = status
        self.wrote = wrote
        self.requestID = requestID
    }
}
