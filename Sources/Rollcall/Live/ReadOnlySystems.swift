import RollcallCore
import RollcallHTTP

/// The only view of the live systems that `rollcall drift` gets: it can read a snapshot,
/// and it has no method that writes. The connectors it holds are private to it, so a
/// drift run cannot change a live record by any path, which a test proves from the
/// simulators' request log.
package struct ReadOnlySystems: Sendable {
    private let systems: LiveSystems

    /// Opens the systems `config` manages from `source`, read-only, for `body`.
    package static func with<Value: Sendable>(
        config: Config, source: LiveSource, _ body: @escaping @Sendable (ReadOnlySystems) async throws -> Value
    ) async throws -> Value {
        try await LiveSystems.with(config: config, source: source) { systems in
            try await body(ReadOnlySystems(systems: systems))
        }
    }

    /// Over connectors already open, for tests that read the simulators' request log.
    package init(systems: LiveSystems) {
        self.systems = systems
    }

    /// One read of every system `config` manages, refused with `refusal` unless it is complete:
    /// what a report made from the whole clinic (offboarding, the access review) reads.
    package static func completeSnapshot(
        config: Config, source: LiveSource, progress: ProgressSink?, refusal: String, command: String
    ) async throws -> Snapshot {
        try await with(config: config, source: source) { reader in
            let snapshot = await reader.snapshot(config: config, practices: nil, progress: progress)
            try snapshot.requireComplete(refusal, command: command)
            return snapshot
        }
    }

    package func snapshot(config: Config, practices: [String]?, progress: ProgressSink?) async -> Snapshot {
        await SnapshotReader.read(config: config, systems: systems, practices: practices, progress: progress)
    }
}
