import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall import`: read the live systems, write the config that describes them, and
/// prove it by planning the written config against the same read.
public enum ImportRun {
    public struct Request: Sendable {
        /// A directory (gets systems.yaml, policy.yaml, roles.yaml, staff.yaml) or a `.yaml` file.
        public var out: String
        public var source: LiveSource
        public var systems: ImportSources
        /// Import only these athenaOne practice keys; nil imports every practice named.
        public var practices: [String]?
        public var force: Bool
        public var today: CalendarDate
        /// What each file's yaml-language-server line points at.
        public var schemaReference: String

        public init(
            out: String, source: LiveSource, systems: ImportSources, practices: [String]? = nil, force: Bool = false,
            today: CalendarDate, schemaReference: String
        ) {
            self.out = out
            self.source = source
            self.systems = systems
            self.practices = practices
            self.force = force
            self.today = today
            self.schemaReference = schemaReference
        }
    }

    public struct Outcome: Sendable {
        /// With a roster: `draft.roster` holds the rows linked and the mapping inferred.
        public var draft: ImportDraft
        /// The paths written, in order.
        public var written: [String]
        public var roundTrip: ImportRoundTrip.Result
        public var read: ReadSummary
        public var warnings: [String]
        package var timings: Timings
    }

    /// Seconds each step took, for the benchmark.
    package struct Timings: Sendable {
        package var infer = 0.0
        package var emit = 0.0
        package var roundTrip = 0.0
    }

    public static func run(_ request: Request, progress: ProgressSink? = nil) async throws -> Outcome {
        let target = try ImportTarget(request.out, force: request.force, inputs: request.systems.inputFiles(request))
        var roster: ImportRosterSource?
        let config = try request.systems.config(source: request.source, practices: request.practices, roster: &roster)
        let read = try await LiveSystems.with(
            config: config, source: request.source, healthiePermissions: HealthiePermission.names
        ) { systems in
            try await ImportRead.read(config: config, systems: systems, progress: progress)
        }
        var healthie = config.healthie
        if let organizationID = read.organizationID, healthie?.organizationID == nil {
            healthie?.organizationID = organizationID
        }
        var timings = Timings()
        var draft = timed(&timings.infer) {
            Importer.draft(live: read.snapshot.state, athena: config.athena, healthie: healthie)
        }
        if let roster {
            draft = ImportedRoster.link(
                draft, roster: roster.settings, people: roster.people,
                file: ImportTarget.relativePath(from: target.directory, to: roster.export.path),
                policy: roster.policy)
        }
        let writer = ImportWriter(schemaReference: request.schemaReference)
        let files = try timed(&timings.emit) { try writer.files(draft, layout: target.layout) }
        let sources = files.map { ConfigSourceFile(path: target.path(of: $0.name), bytes: Array($0.text.utf8)) }
        let roundTrip = timed(&timings.roundTrip) {
            ImportRoundTrip.check(
                files: sources, origin: request.out, draft: draft, live: read.snapshot.state, today: request.today,
                export: roster.map {
                    ConfigSourceFile(
                        path: (target.directory as NSString).appendingPathComponent(draft.roster?.settings.file ?? ""),
                        bytes: $0.export.bytes)
                })
        }
        let written = try target.write(files)
        return Outcome(
            draft: draft, written: written, roundTrip: roundTrip, read: read.snapshot.summary,
            warnings: read.snapshot.warnings, timings: timings)
    }

    private static func timed<Value>(_ seconds: inout Double, _ work: () throws -> Value) rethrows -> Value {
        let start = ContinuousClock.now
        let value = try work()
        let elapsed = ContinuousClock.now - start
        seconds = elapsed.inSeconds
        return value
    }
}

/// Where the systems to import come from: an existing config's `systems`, or flags.
public struct ImportSources: Sendable {
    /// A config whose `systems` section names the practices and Healthie; nothing else of it is used.
    public var configPath: String?
    /// `KEY=PRACTICEID` pairs.
    public var athenaPractices: [(key: String, practiceID: Int)]
    public var athenaBaseURL: String?
    public var healthie: Bool
    public var healthieBaseURL: String?

    public init(
        configPath: String? = nil, athenaPractices: [(key: String, practiceID: Int)] = [],
        athenaBaseURL: String? = nil, healthie: Bool = false, healthieBaseURL: String? = nil
    ) {
        self.configPath = configPath
        self.athenaPractices = athenaPractices
        self.athenaBaseURL = athenaBaseURL
        self.healthie = healthie
        self.healthieBaseURL = healthieBaseURL
    }

    func inputFiles(_ request: ImportRun.Request) -> [String] {
        [configPath].compactMap { $0 } + request.source.inputFiles
    }

    /// A config with the systems and no staff, for opening the connectors and reading; with a
    /// config that has a `roster`, `roster` is set to it, its people and its export.
    func config(source: LiveSource, practices narrowed: [String]?, roster: inout ImportRosterSource?) throws -> Config {
        var athena: AthenaSettings?
        var healthieSettings: HealthieSettings?
        if let configPath {
            let loaded = try LoadedConfig(path: configPath, excluding: source.inputFiles)
            if let settings = loaded.config.roster, let export = loaded.export {
                roster = ImportRosterSource(
                    settings: settings, policy: loaded.config.policy,
                    people: loaded.config.staff.filter { $0.roster != nil }, export: export)
            }
            athena = loaded.config.athena.map {
                AthenaSettings(
                    baseURL: $0.baseURL,
                    practices: $0.practices.map { Practice(key: $0.key, practiceID: $0.practiceID, departments: []) })
            }
            healthieSettings = loaded.config.healthie
        } else if !athenaPractices.isEmpty || healthie {
            athena =
                athenaPractices.isEmpty
                ? nil
                : AthenaSettings(
                    baseURL: athenaBaseURL,
                    practices: athenaPractices.map { Practice(key: $0.key, practiceID: $0.practiceID, departments: []) }
                )
            healthieSettings =
                healthie
                ? HealthieSettings(
                    baseURL: healthieBaseURL, organizationID: nil, apiVersion: nil, sendInviteEmail: false) : nil
        } else if let discovered = try source.opener.discoverPractices() {
            athena = AthenaSettings(
                baseURL: nil,
                practices: discovered.map { Practice(key: $0.key, practiceID: $0.practiceID, departments: []) })
            healthieSettings = HealthieSettings(
                baseURL: nil, organizationID: nil, apiVersion: nil, sendInviteEmail: false)
        } else {
            throw RollcallError(
                .usage,
                "name the systems to import: --config PATH (an existing config's systems section), or "
                    + "--athena-practice KEY=PRACTICEID and --healthie")
        }
        let config = Config(
            version: 1, athena: athena, healthie: healthieSettings, policy: .defaults, roles: [:], staff: [])
        try config.checkPracticeKeys(narrowed)
        guard let narrowed, var narrowedAthena = config.athena else { return config }
        narrowedAthena.practices = narrowedAthena.practices.filter { narrowed.contains($0.key) }
        var result = config
        result.athena = narrowedAthena
        return result
    }
}

/// The roster of the config imported from: its section, its resolved people, its export.
struct ImportRosterSource: Sendable {
    var settings: RosterSettings
    var policy: Policy
    var people: [StaffMember]
    var export: ConfigSourceFile
}
