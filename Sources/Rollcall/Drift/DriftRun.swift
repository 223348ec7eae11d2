import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall drift`: read the live systems through a reader that cannot write, and
/// report what differs from the config.
public enum DriftRun {
    public struct Request: Sendable {
        public var path: String
        public var source: LiveSource
        public var today: CalendarDate
        public var practices: [String]?
        /// An earlier JSON report to mark findings new or known against.
        public var since: String?
        /// The config's commit for the report; nil asks git.
        public var commit: String?

        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            path: String, source: LiveSource, today: CalendarDate, practices: [String]? = nil, since: String? = nil,
            commit: String? = nil
        ) {
            self.path = path
            self.source = source
            self.today = today
            self.practices = practices
            self.since = since
            self.commit = commit
        }
    }

    public struct Outcome: Sendable {
        public var report: DriftReport
        public var configWarnings: [Diagnostic]
        public var warnings: [String]
    }

    public static func run(_ request: Request, progress: ProgressSink? = nil) async throws -> Outcome {
        let previous = try request.since.map { try readReport($0, option: "--since", files: request.files) }
        let loaded = try LoadedConfig(path: request.path, excluding: request.source.inputFiles, files: request.files)
        try loaded.config.checkPracticeKeys(request.practices)
        let config = loaded.config
        let digest = loaded.digest
        let (report, warnings) = try await ReadOnlySystems.with(config: config, source: request.source) { reader in
            try await Self.report(
                config: config, digest: digest, reader: reader, request: request, previous: previous,
                progress: progress)
        }
        return Outcome(report: report, configWarnings: loaded.warnings, warnings: warnings)
    }

    /// The report from what `reader` reads, and the systems' warnings.
    package static func report(
        config: Config, digest: String, reader: ReadOnlySystems, request: Request, previous: DriftReport? = nil,
        progress: ProgressSink? = nil
    ) async throws -> (DriftReport, [String]) {
        let snapshot = await reader.snapshot(config: config, practices: request.practices, progress: progress)
        try snapshot.requireComplete("no drift report is made", command: "drift")
        var report = DriftDetector.report(
            config: config, live: snapshot.state, today: request.today,
            source: DriftDetector.Source(
                paths: [request.path], digest: digest, commit: request.commit ?? GitCommit.of(request.path)),
            read: snapshot.summary)
        if let previous { report = report.marked(since: previous) }
        return (report, snapshot.warnings)
    }

    /// A saved JSON report (`--since`, `--from`), checked to be one this rollcall writes.
    public static func readReport(_ path: String, option: String) throws -> DriftReport {
        try readReport(path, option: option, files: LocalFiles())
    }

    /// Read as a config file is: a regular file (a link to one counts), never a FIFO or a device.
    static func readReport(_ path: String, option: String, files: any RunFiles) throws -> DriftReport {
        var limits = YAMLLimits.standard
        limits.maxFileBytes = 512 << 20
        let read = files.readConfig(path, excluding: [], limits: limits)
        guard let file = read.files.first, read.diagnostics.isEmpty else {
            let why = read.diagnostics.map(\.message).joined(separator: "; ")
            throw RollcallError(.input, "\(option) \(path): cannot read it: \(why)")
        }
        let data = Data(file.bytes)
        guard let report = try? DriftReport.decoded(data) else {
            throw RollcallError(
                .input,
                "\(option) \(path): not a drift report in JSON; write one with `rollcall drift --format json --output FILE`"
            )
        }
        guard report.formatVersion == DriftReport.formatVersion else {
            throw RollcallError(
                .input,
                "\(option) \(path): format_version \(report.formatVersion); this rollcall reads \(DriftReport.formatVersion)"
            )
        }
        return report
    }
}
