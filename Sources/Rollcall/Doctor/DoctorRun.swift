import AthenaOne
import Foundation
import Healthie
import RollcallCore
import RollcallHTTP

/// `rollcall doctor`: a read-light check before the first real plan. It asks each system the
/// least that proves a plan will work (a token, one page of users, the department lists, one
/// member), never a whole list, and says of each thing what is wrong and what to do.
public enum DoctorRun {
    public struct Request: Sendable {
        public var path: String
        public var source: LiveSource
        /// Where `ROLLCALL_AUDIT_KEY` is read; the credentials come with `source`.
        public var environment: [String: String]
        /// nil means apply's default, `.rollcall/audit.jsonl` beside the config.
        public var auditLog: String?
        /// This machine's clock, compared with the servers'.
        public var now: Date

        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            path: String, source: LiveSource, environment: [String: String], auditLog: String? = nil,
            now: Date = Date()
        ) {
            self.path = path
            self.source = source
            self.environment = environment
            self.auditLog = auditLog
            self.now = now
        }
    }

    public struct Outcome: Sendable {
        public var report: DoctorReport
        public var configWarnings: [Diagnostic]
    }

    /// How far this machine's clock may be from a server's.
    static let clockTolerance: TimeInterval = 300

    /// Checks everything; an invalid config throws its diagnostics, as every command does.
    public static func run(_ request: Request) async throws -> Outcome {
        let loaded = try LoadedConfig(path: request.path, excluding: request.source.inputFiles, files: request.files)
        var config = loaded.config
        var checks: [DoctorReport.Check] = [configCheck(config)]
        let source = request.source.opener.label
        switch request.source.opener.credentials {
        case .environment(let environment):
            let credentials = credentialChecks(config, environment: environment)
            checks += credentials.checks
            if credentials.unusable.contains("athenaOne") { config.athena = nil }
            if credentials.unusable.contains("Healthie") { config.healthie = nil }
        case .own(let origin, let detail):
            checks.append(.passed("credentials", "credentials come from \(origin)", detail))
        }
        let declared = loaded.config
        let reachable = config
        let systemChecks = try await LiveSystems.with(config: reachable, source: request.source) { systems in
            var checks: [DoctorReport.Check] = []
            var ledgers: [RequestLedger] = []
            if let athena = systems.athena {
                checks += await AthenaChecks(connector: athena, config: reachable).run()
                ledgers.append(athena.ledger)
            } else if let athena = declared.athena {
                checks += athena.practices.map {
                    .skipped("athenaOne", "practice \($0.key) (\($0.practiceID)) readable", because: "no credentials")
                }
            }
            if let healthie = systems.healthie {
                checks += await HealthieChecks(connector: healthie, config: reachable).run()
                ledgers.append(healthie.ledger)
            } else if declared.healthie != nil {
                checks.append(.skipped("Healthie", "the API key is an admin key", because: "no credentials"))
            }
            checks += await exchangeChecks(ledgers, now: request.now)
            return checks
        }
        checks += systemChecks
        checks += auditChecks(
            request.auditLog ?? ApplyRun.defaultAuditLog(beside: request.path), environment: request.environment)
        return Outcome(
            report: DoctorReport(config: request.path, source: source, checks: checks),
            configWarnings: loaded.warnings)
    }

    static func configCheck(_ config: Config) -> DoctorReport.Check {
        let practices = config.athena?.practices.count ?? 0
        return .passed(
            "config", "the config loads and validates",
            "\(counted(config.staff.count, "staff entry", plural: "staff entries")), "
                + "\(counted(practices, "athenaOne practice")), Healthie \(config.healthie == nil ? "not " : "")managed"
        )
    }

    /// One line per credential the config needs, all of them, and the systems left without one.
    static func credentialChecks(_ config: Config, environment: [String: String]) -> (
        checks: [DoctorReport.Check], unusable: Set<String>
    ) {
        var checks: [DoctorReport.Check] = []
        var unusable: Set<String> = []
        for (name, system) in LiveSystems.neededCredentials(config) {
            let value = environment[name] ?? ""
            if value.isEmpty {
                unusable.insert(system)
                checks.append(
                    .failed(
                        "credentials", "\(name) is set", "not set",
                        fix: "export \(name)=… (\(credentialMeaning(name))); never put it in YAML"))
            } else if let problem = LiveSystems.credentialProblem(name, value) {
                unusable.insert(system)
                checks.append(.failed("credentials", "\(name) is set", "set, but unusable", fix: problem))
            } else {
                checks.append(.passed("credentials", "\(name) is set"))
            }
        }
        return (checks, unusable)
    }

    static func credentialMeaning(_ name: String) -> String {
        switch name {
        case "ATHENA_CLIENT_ID": "the athenaOne API client's id, from athenahealth's Developer Portal"
        case "ATHENA_CLIENT_SECRET": "that client's secret"
        default: "an API key created by a Healthie organization admin"
        }
    }

    /// Throttled answers seen, and this machine's clock against the servers' `Date` headers.
    static func exchangeChecks(_ ledgers: [RequestLedger], now: Date) async -> [DoctorReport.Check] {
        var throttled = 0
        var serverDate: Date?
        for ledger in ledgers {
            throttled += await ledger.counts.throttled
            if let date = await ledger.serverDate.flatMap(HTTPAnswer.httpDate) { serverDate = date }
        }
        let rateLimits = "rate-limited answers are waited out"
        let clock = "this machine's clock agrees with the servers'"
        guard !ledgers.isEmpty else {
            return [
                .skipped("rate limits", rateLimits, because: "no system was asked"),
                .skipped("clock", clock, because: "no system was asked"),
            ]
        }
        var checks: [DoctorReport.Check] = [
            .passed(
                "rate limits", rateLimits,
                throttled == 0
                    ? "none seen during these checks"
                    : "\(counted(throttled, "rate-limited answer")) seen and waited out; "
                        + "a plan of a large clinic will see more")
        ]
        guard let serverDate else {
            checks.append(
                .skipped("clock", clock, because: "no server sent a Date"))
            return checks
        }
        let skew = now.timeIntervalSince(serverDate)
        if abs(skew) <= clockTolerance {
            checks.append(
                .passed(
                    "clock", clock, "within \(Int(abs(skew).rounded())) s"))
        } else {
            checks.append(
                .failed(
                    "clock", clock,
                    "\(TimeSpan.readable(seconds: Int(abs(skew)))) \(skew > 0 ? "ahead of" : "behind") the servers",
                    fix: "set the clock right (NTP: `timedatectl set-ntp true`): audit times, --today and token "
                        + "lifetimes rest on it"))
        }
        return checks
    }

    /// The audit log: a regular file (or none yet) where apply can append, with its chain intact.
    static func auditChecks(_ path: String, environment: [String: String]) -> [DoctorReport.Check] {
        let area = "audit log"
        switch FileKind(at: path) {
        case .missing:
            guard let folder = nearestFolder(of: path), access(folder, W_OK) == 0 else {
                return [
                    .failed(
                        area, "the audit log can be written",
                        "\(path) does not exist, and no folder above it is writable",
                        fix: "make the config's folder writable, or name a log elsewhere with --audit-log")
                ]
            }
            return [.passed(area, "the audit log can be written", "\(path) is made at the first apply")]
        case .regular:
            var checks: [DoctorReport.Check] = []
            checks.append(
                access(path, W_OK) == 0
                    ? .passed(area, "the audit log can be written", path)
                    : .failed(
                        area, "the audit log can be written", "\(path) is not writable by this user",
                        fix: "give the user that runs apply write access to \(path)"))
            do {
                switch try AuditFile.read(path, environment: environment).verification {
                case .intact(let lines, let head):
                    checks.append(
                        .passed(area, "its chain is intact", "\(counted(lines, "line")), head \(head.prefix(12))"))
                case .torn(let lines, _, let line):
                    checks.append(
                        .passed(
                            area, "its chain is intact",
                            "\(counted(lines, "line")); line \(line) is an interrupted append, which the next apply removes"
                        ))
                case .broken(let line, let reason):
                    checks.append(
                        .failed(
                            area, "its chain is intact", "broken at line \(line): \(reason)",
                            fix: "run `rollcall audit verify \(path)` and find out who changed the log before applying")
                    )
                }
            } catch {
                checks.append(.failed(area, "its chain is intact", "\(error)", fix: "restore the log from git"))
            }
            return checks
        default:
            return [
                .failed(
                    area, "the audit log can be written", "\(path) is not a regular file",
                    fix: "point --audit-log at a regular file")
            ]
        }
    }

    /// The closest existing folder at or above `path`'s folder.
    static func nearestFolder(of path: String) -> String? {
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while true {
            if FileKind(at: folder.path) == .directory { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
