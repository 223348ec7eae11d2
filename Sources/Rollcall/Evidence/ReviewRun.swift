import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall review`: start a campaign from a read-only live read, verify one against the
/// config and a fresh read, and report it.
public enum ReviewRun {
    public struct StartRequest: Sendable {
        public var path: String
        public var source: LiveSource
        public var out: String
        public var reviewer: String
        public var now: Timestamp
        /// Days from today to the next review.
        public var nextInDays: Int
        public var force: Bool
        public var environment: [String: String]

        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            path: String, source: LiveSource, out: String, reviewer: String, now: Timestamp, nextInDays: Int,
            force: Bool, environment: [String: String]
        ) {
            self.path = path
            self.source = source
            self.out = out
            self.reviewer = reviewer
            self.now = now
            self.nextInDays = nextInDays
            self.force = force
            self.environment = environment
        }
    }

    public struct Started: Sendable {
        public var campaign: ReviewCampaign
        public var configWarnings: [Diagnostic]
        public var warnings: [String]
    }

    public static func start(_ request: StartRequest, progress: ProgressSink? = nil) async throws -> Started {
        let inputs = [request.path] + request.source.inputFiles
        try OutputFile.check(request.out, inputs: inputs, what: "the campaign file")
        if !request.force, FileKind(at: request.out) != .missing {
            throw RollcallError(
                .output,
                "\(request.out) exists: a campaign under way is never written over; name a new file, or give --force")
        }
        let loaded = try LoadedConfig(path: request.path, excluding: request.source.inputFiles, files: request.files)
        let config = loaded.config
        let snapshot = try await ReadOnlySystems.completeSnapshot(
            config: config, source: request.source, progress: progress,
            refusal: "no campaign is made from a partial read",
            command: "review start")
        let campaign = ReviewStart.campaign(
            ReviewStart.Inputs(
                config: config, configPath: request.path, live: snapshot.state, read: snapshot.summary,
                reviewer: request.reviewer, startedAt: request.now,
                nextReview: request.now.utcDate.adding(days: request.nextInDays)),
            key: RunIdentity(environment: request.environment).auditKey)
        let schema = ImportTarget.relativePath(
            from: URL(fileURLWithPath: request.out).deletingLastPathComponent().path, to: "schemas/review.schema.json")
        let text: String
        do {
            text = try ReviewFile.text(campaign, schema: schema)
        } catch {
            throw RollcallError(.output, "cannot write the campaign: \(error.description)")
        }
        // `--out reviews/2026-Q4.yaml` in a checkout without reviews/ yet.
        try request.files.makeDirectory(
            URL(fileURLWithPath: request.out).deletingLastPathComponent().path, for: "the campaign file")
        try OutputFile.write(Data(text.utf8), to: request.out, inputs: inputs, files: request.files)
        return Started(campaign: campaign, configWarnings: loaded.warnings, warnings: snapshot.warnings)
    }

    public struct Verified: Sendable {
        public var campaign: ReviewCampaign?
        public var outcome: ReviewVerifier.Outcome
        public var configWarnings: [Diagnostic]
        public var warnings: [String]
    }

    /// The campaign file read and checked against the config and a fresh, read-only live read.
    public static func verify(
        file: String, path: String, source: LiveSource, today: CalendarDate, environment: [String: String],
        progress: ProgressSink? = nil
    ) async throws -> Verified {
        guard let bytes = try FileKind.readRegular(file, what: "a campaign file", limit: 64 << 20) else {
            throw RollcallError(.input, "\(file): there is no campaign file; start one with `rollcall review start`")
        }
        let read = ReviewFile.read(Array(bytes), file: file)
        let loaded = try LoadedConfig(path: path, excluding: source.inputFiles)
        let config = loaded.config
        let snapshot = try await ReadOnlySystems.completeSnapshot(
            config: config, source: source, progress: progress, refusal: "no campaign is made from a partial read",
            command: "review verify")
        let outcome = ReviewVerifier.verify(
            read, file: file, config: config, live: snapshot.state, today: today,
            key: RunIdentity(environment: environment).auditKey)
        return Verified(
            campaign: read.campaign, outcome: outcome, configWarnings: loaded.warnings, warnings: snapshot.warnings)
    }
}
