import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall apply`: a fresh or saved plan made so, bound to what was reviewed.
///
/// A sequence of named stages, each in its own file and testable alone:
/// 1. **input** (`ApplyInput`): a saved plan proves itself (`SavedPlan`); its config must be
///    the one it was made from.
/// 2. **lock**, **open audit** (`ApplySession`): one apply at a time; the audit log's chain
///    and the journal's open intents are read before anything else is.
/// 3. **read**: live state is read as `plan` reads it, and planned again.
/// 4. **reconcile** (`ApplyRun+Reconcile`): the reviewed changes are laid over the fresh read
///    (`Reconciliation`): pending, already applied, stale (refused unless `--skip-stale`), and
///    fresh ones nobody reviewed (listed, never applied). A saved plan is only ever a subset of
///    what the config wants now (`SavedPlanCheck`), or the whole plan is refused.
/// 5. **check safety**: the safety rules again, on the fresh plan's changes, which are what run.
/// 6. **settle the journal** (`ApplyRun+Settle`): open intents of an interrupted run are
///    settled from the fresh read.
/// 7. **confirm**: the observer sees what is about to be applied and may stop it.
/// 8. **execute** (`ApplyExecutor`): each write with an audit line and a journal intent on
///    disk before it is sent, and its outcome after.
/// 9. **verify** (`ApplyRun+Verify`): a read after the writes must plan none of the applied
///    changes again.
public enum ApplyRun {
    public struct Request: Sendable {
        /// A config PATH, or a PLAN saved by `rollcall plan --out`.
        public var input: String
        public var source: LiveSource
        public var today: CalendarDate
        public var practices: [String]?
        public var allowMassDeactivation = false
        public var expectChecksum: String?
        public var skipStale = false
        public var failFast = false
        public var noDeactivations = false
        /// Default: `.rollcall/audit.jsonl` beside the config.
        public var auditLog: String?
        /// Where the actor, the commit and `ROLLCALL_AUDIT_KEY` come from.
        public var environment: [String: String]
        public var control: ApplyControl
        /// Whether a config's plan can be approved (a terminal to type `yes` at, or --auto-approve);
        /// when it cannot, `apply PATH` is refused before anything is read.
        public var canApprove = true
        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            input: String, source: LiveSource, today: CalendarDate, practices: [String]? = nil,
            environment: [String: String], control: ApplyControl = ApplyControl()
        ) {
            self.input = input
            self.source = source
            self.today = today
            self.practices = practices
            self.environment = environment
            self.control = control
        }
    }

    /// What is about to be applied, for the prompt: the plan and how it lies over the fresh read.
    public struct Prepared: Sendable {
        public var document: PlanDocument
        public var reconciliation: Reconciliation
        public var fromSavedPlan: Bool
        /// Lines to tell the user before anything is written (a lock taken over, a settled intent).
        public var notices: [String]
    }

    /// Called as each change completes, and once with everything prepared (answer false to stop).
    public struct Observer: Sendable {
        public var confirm: @Sendable (Prepared) async -> Bool
        public var changed: @Sendable (ApplyReport.ChangeResult) -> Void

        public init(
            confirm: @escaping @Sendable (Prepared) async -> Bool,
            changed: @escaping @Sendable (ApplyReport.ChangeResult) -> Void
        ) {
            self.confirm = confirm
            self.changed = changed
        }
    }

    /// Nothing was applied: a stale plan, a safety rule, an answer other than yes.
    package struct Refused: CodedError, CustomStringConvertible {
        package var message: String
        package var description: String { message }
        package var errorCode: String { "refused" }
        package var errorMessage: String { message }
    }

    public static func run(
        _ request: Request, progress: ProgressSink? = nil, observer: Observer
    ) async throws -> ApplyReport {
        let input = try ApplyInput.read(request)
        let session = try ApplySession.open(for: input, request)
        defer { session.close() }
        let config = input.config
        return try await LiveSystems.with(config: config, source: request.source) { systems in
            let snapshot = await SnapshotReader.read(
                config: config, systems: systems, practices: request.practices, progress: progress)
            try snapshot.requireComplete("nothing is applied", command: "apply")
            var fresh = Planner.plan(config: config, live: snapshot.state, policy: config.policy, today: request.today)
            if request.allowMassDeactivation { fresh = fresh.allowingMassDeactivation() }
            let reviewed = try input.reviewed(fresh: fresh, read: snapshot.summary)
            var scoped = try reconcile(reviewed, fresh: fresh, live: snapshot.state, input: input, request)
            try checkSafety(scoped.toApply, config: config, live: snapshot.state, request)
            let notices =
                try session.notices
                + settle(
                    session, reviewed: reviewed.changes, reconciliation: scoped.reconciliation, fresh: fresh,
                    config: config, live: snapshot.state, planChecksum: reviewed.checksum)
            scoped.resuming(session.journal.openIntents)
            let prepared = Prepared(
                document: reviewed, reconciliation: scoped.reconciliation, fromSavedPlan: input.saved != nil,
                notices: notices)
            guard await observer.confirm(prepared) else {
                throw Refused(message: "Apply cancelled; nothing was applied.")
            }
            var report = try record(scoped, session: session, planChecksum: reviewed.checksum)
            let executor = ApplyExecutor(
                systems: systems, audit: session.audit, journal: session.journal, identity: session.identity,
                planChecksum: reviewed.checksum, control: request.control, failFast: request.failFast,
                observer: observer.changed)
            let results = await executor.apply(scoped.toApply)
            report.changes += results
            report.stopped = request.control.stopReason
            report = await verify(report, results: results, config: config, systems: systems, request: request)
            report.chainHead = session.audit.chainHead
            return report
        }
    }

    /// Records every change that is not written: excluded, already applied, stale, not reviewed.
    /// A change found applied that the log does not record as made (a write that took though its
    /// answer was lost and its run gave up, or one made by hand) gets its audit line now, so the
    /// log accounts for every change of the plan.
    static func record(_ scoped: Scoped, session: ApplySession, planChecksum: String?) throws -> ApplyReport {
        var report = ApplyReport(runID: session.identity.runID, planChecksum: planChecksum)
        report.auditLog = session.audit.path
        report.changes = scoped.excluded
        let reconciliation = scoped.reconciliation
        for change in reconciliation.alreadyApplied where !session.audit.hasRecorded(change.id) {
            try session.audit.append(
                session.identity.entry(change, planChecksum: planChecksum, outcome: .resolved, verified: true))
        }
        for change in reconciliation.alreadyApplied {
            report.changes.append(.init(change: change, outcome: .alreadyApplied, verified: true))
        }
        for stale in reconciliation.stale {
            report.changes.append(
                .init(
                    change: stale.change, outcome: .stale,
                    detail: "changed since the plan: " + stale.changedFields.joined(separator: ", ")))
        }
        for change in reconciliation.notReviewed {
            report.changes.append(.init(change: change, outcome: .notReviewed, detail: "not in the reviewed plan"))
        }
        return report
    }

    /// `.rollcall/audit.jsonl` in the config's directory (a config directory, or a config file's folder).
    static func defaultAuditLog(beside config: String) -> String {
        (ConfigFiles.folder(of: config) as NSString).appendingPathComponent(".rollcall/audit.jsonl")
    }

    static func exclusion(of change: PlannedChange, _ request: Request) -> String? {
        if request.noDeactivations, change.action == .deactivate { return "left out by --no-deactivations" }
        if let practices = request.practices {
            guard let practice = change.practice else { return "left out by --practice (not an athenaOne change)" }
            if !practices.contains(practice) { return "left out by --practice" }
        }
        return nil
    }
}
