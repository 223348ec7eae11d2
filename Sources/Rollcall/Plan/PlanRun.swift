import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall plan`: load the config, read the live systems, compute the plan.
public enum PlanRun {
    public struct Request: Sendable {
        public var path: String
        public var source: LiveSource
        public var today: CalendarDate
        /// Plan only these athenaOne practice keys; nil plans them all.
        public var practices: [String]?
        public var allowMassDeactivation: Bool
        /// Where `ROLLCALL_PLAN_KEY` comes from: with it, the plan is signed.
        public var environment: [String: String]

        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            path: String, source: LiveSource, today: CalendarDate, practices: [String]? = nil,
            allowMassDeactivation: Bool = false, environment: [String: String] = [:]
        ) {
            self.environment = environment
            self.path = path
            self.source = source
            self.today = today
            self.practices = practices
            self.allowMassDeactivation = allowMassDeactivation
        }
    }

    public struct Outcome: Sendable {
        public var document: PlanDocument
        /// The config's warnings, with their file, line and column, for stderr.
        public var configWarnings: [Diagnostic]
        /// What the systems warned of (a Healthie version nearing sunset, say), for stderr.
        public var warnings: [String]
        public var state: LiveState
    }

    /// The config did not load: every diagnostic, for stderr.
    public struct InvalidConfig: CodedError {
        public var diagnostics: [Diagnostic]

        public var errorCode: String { "config_invalid" }
        /// The first error's words, and how many more there are (stderr lists them all).
        public var errorMessage: String {
            let errors = diagnostics.filter { $0.severity == .error }
            let first = errors.first?.message ?? "the config does not load"
            return errors.count > 1 ? "\(first) (and \(errors.count - 1) more problems)" : first
        }
        public var errorPlace: ErrorPlace? { diagnostics.first { $0.severity == .error }?.errorPlace }
    }

    public static func run(_ request: Request, progress: ProgressSink? = nil) async throws -> Outcome {
        let planKey = try PlanKey.from(request.environment)
        let loaded = try LoadedConfig(path: request.path, excluding: request.source.inputFiles, files: request.files)
        let config = loaded.config
        try config.checkPracticeKeys(request.practices)
        let snapshot = try await LiveSystems.with(config: config, source: request.source) { systems in
            await SnapshotReader.read(
                config: config, systems: systems, practices: request.practices, progress: progress)
        }
        try snapshot.requireComplete("no plan is made", command: "plan")
        var plan = Planner.plan(config: config, live: snapshot.state, policy: config.policy, today: request.today)
        if request.allowMassDeactivation { plan = plan.allowingMassDeactivation() }
        var unsealed = PlanDocument(
            plan: plan, policy: config.policy, config: [request.path], configDigest: loaded.digest,
            read: snapshot.summary)
        unsealed.configFiles = loaded.files
        var document = try unsealed.sealed()
        if let planKey { document = try document.signed(key: planKey) }
        return Outcome(
            document: document, configWarnings: loaded.warnings, warnings: snapshot.warnings, state: snapshot.state)
    }
}
