import Foundation

/// The live state both simulators share, and the log of every request they answered.
///
/// With a state file, every change is written to it before the request is answered
/// (atomically: a crash leaves the old or the new state, never half of one);
/// without one the state lives in memory, as tests want.
///
/// Saving is a group commit: the whole state is written by one save at a time, off the
/// actor, and every change made while a save runs waits for the next one, which carries
/// them all. A simulator that wrote its state once per write (about 20 ms for a clinic
/// of 5,000 users) held a client to some 40 writes a second, under the rate limits it
/// is meant to test.
package actor SandboxStore {
    package private(set) var state: SandboxState
    private let stateFile: URL?
    /// Held while this store serves `stateFile`.
    private let lock: StateFileLock?
    private var log: [SandboxRequestRecord] = []
    /// Counts the changes to `state`, so values derived from it know when they are stale.
    private var revision = 0
    private var derivedValues: [String: (revision: Int, value: any Sendable)] = [:]
    /// The last revision on disk, and the changes waiting for a save that covers theirs.
    private var savedRevision = 0
    private var saving = false
    private var waiting: [(revision: Int, done: CheckedContinuation<Void, any Error>)] = []

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

    /// Runs `change` on the state and returns once the result is saved; when `change` throws,
    /// nothing changes. When the save fails, the change stays in memory and the error is thrown.
    package func update<Result: Sendable>(
        _ change: @Sendable (inout SandboxState) throws -> Result
    ) async throws -> Result {
        var next = state
        let result = try change(&next)
        guard next != state else { return result }
        state = next
        revision += 1
        if let stateFile { try await saved(through: revision, to: stateFile) }
        return result
    }

    private func saved(through target: Int, to file: URL) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((target, done))
            guard !saving else { return }
            saving = true
            Task { await self.saveWhileBehind(to: file) }
        }
    }

    /// Saves until the file holds the latest revision, answering each wait its save covers.
    private func saveWhileBehind(to file: URL) async {
        while savedRevision < revision {
            let (snapshot, target) = (state, revision)
            let failure: (any Error)?
            do {
                try await Self.write(snapshot, to: file)
                savedRevision = target
                failure = nil
            } catch {
                failure = error
            }
            let covered = waiting.filter { failure != nil || $0.revision <= target }
            waiting.removeAll { failure != nil || $0.revision <= target }
            for wait in covered {
                if let failure { wait.done.resume(throwing: failure) } else { wait.done.resume() }
            }
            if failure != nil { break }
        }
        saving = false
    }

    /// Encodes and writes away from the actor, so changes keep arriving while a save runs.
    private nonisolated static func write(_ state: SandboxState, to file: URL) async throws {
        try state.encodedJSON().write(to: file, options: .atomic)
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
