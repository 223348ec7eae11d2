import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall apply`: a fresh or saved plan made so, bound to what was reviewed.
///
/// 1. A saved plan proves itself (`SavedPlan`); its config must be the one it was
///    made from. The lock is taken, so one apply runs at a time.
/// 2. Live state is read as `plan` reads it and planned again. The reviewed changes
///    are laid over the fresh read (`Reconciliation`): pending, already applied,
///    stale (refused unless `--skip-stale`), and fresh ones nobody reviewed (listed,
///    never applied). A saved plan is only ever a subset of what the config wants now
///    (`SavedPlanCheck`): a change that disagrees with itself, leaves the config's
///    practices, or that the fresh plan does not make exactly so refuses the whole plan.
///    What runs is the fresh plan's change, and the safety rules are checked again on it.
/// 3. Open intents of an earlier, interrupted run are settled from the fresh read.
/// 4. The writes run (`ApplyExecutor`), each with an audit line and a journal intent
///    on disk before it is sent, and its outcome after.
/// 5. A read after the writes must plan none of the applied changes again.
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
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func run(
        _ request: Request, progress: ProgressSink? = nil, observer: Observer
    ) async throws -> ApplyReport {
        try SavedPlan.requireReadable(request.input)
        let saved = SavedPlan.isPlan(request.input)
        guard saved || request.canApprove else {
            throw Refused(
                message: "no terminal to ask for approval: pass --auto-approve, or apply a saved plan; "
                    + "nothing was read or applied")
        }
        let planKey = try PlanKey.from(request.environment)
        let document =
            saved
            ? try SavedPlan.read(request.input, expectChecksum: request.expectChecksum, key: planKey) : nil
        let configPath = document?.config.first ?? request.input
        let loaded = try LoadedConfig(path: configPath, excluding: request.source.inputFiles)
        let config = loaded.config
        if let document, document.configDigest != loaded.digest {
            let changed = document.configFiles.map { ConfigDigest.differences(from: $0, to: loaded.files) } ?? []
            let which = changed.isEmpty ? "its digest differs" : changed.joined(separator: ", ")
            throw Refused(
                message:
                    "the config at \(configPath) is not the one the plan was made from (\(which)); "
                    + "nothing was applied: make and review a new plan")
        }
        try config.checkPracticeKeys(request.practices)
        let identity = RunIdentity(environment: request.environment)
        let auditPath = request.auditLog ?? defaultAuditLog(beside: configPath)
        try OutputFile.check(auditPath, inputs: [configPath] + request.source.inputFiles, what: "the audit log")
        let lock = try ApplyLock(
            path: (auditPath as NSString).deletingLastPathComponent + "/apply.lock", runID: identity.runID)
        lock.startRenewing()
        request.control.atExitNow { lock.release() }
        defer { lock.release() }
        let audit = try AuditLog(path: auditPath, key: identity.auditKey)
        let journalPath = (auditPath as NSString).deletingLastPathComponent + "/journal.jsonl"
        let journal = try ApplyJournal(path: journalPath)
        let openIntents = journal.openIntents
        let lockNotices: [String] = [lock.tookOver, audit.notice].compactMap { $0 }

        return try await LiveSystems.with(config: config, source: request.source) { systems in
            let snapshot = await SnapshotReader.read(
                config: config, systems: systems, practices: request.practices, progress: progress)
            try snapshot.requireComplete("nothing is applied", command: "apply")
            var fresh = Planner.plan(config: config, live: snapshot.state, policy: config.policy, today: request.today)
            if request.allowMassDeactivation { fresh = fresh.allowingMassDeactivation() }
            let reviewed: PlanDocument
            if let document {
                reviewed = document
            } else {
                guard fresh.refusals.isEmpty else {
                    throw Refused(
                        message: fresh.refusals.map { "refused by \($0.rule): \($0.message)" }.joined(separator: "\n"))
                }
                reviewed = try PlanDocument(
                    plan: fresh, policy: config.policy, config: [configPath], configDigest: loaded.digest,
                    read: snapshot.summary
                ).sealed()
            }
            var report = ApplyReport(runID: identity.runID, planChecksum: reviewed.checksum)
            report.auditLog = auditPath
            // Changes left out by --practice or --no-deactivations are not compared with a read that
            // may not have covered them; they wait for a later run.
            var inScope: [PlannedChange] = []
            for change in reviewed.changes {
                if let reason = exclusion(of: change, request) {
                    report.changes.append(.init(change: change, outcome: .excluded, detail: reason))
                } else {
                    inScope.append(change)
                }
            }
            var freshInScope = fresh
            freshInScope.changes.removeAll { exclusion(of: $0, request) != nil }
            let reconciliation = Reconciliation.reconcile(reviewed: inScope, fresh: freshInScope, live: snapshot.state)
            if document != nil {
                try refuseUntrusted(
                    reviewed.changes, reconciliation: reconciliation, fresh: freshInScope, config: config,
                    live: snapshot.state)
            }
            if !reconciliation.stale.isEmpty && !request.skipStale {
                throw Refused(message: staleMessage(reconciliation.stale))
            }
            // What runs is the fresh plan's change: the saved one was just shown to be the same.
            let wanted = Dictionary(freshInScope.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var toApply = reconciliation.pending.map {
                PendingChange(change: wanted[$0.change.id] ?? $0.change, resumes: $0.resumes)
            }
            var refusals = Planner.refusals(
                applying: toApply.map(\.change), config: config, live: snapshot.state, policy: config.policy,
                today: request.today)
            if request.allowMassDeactivation { refusals.removeAll(where: \.overridable) }
            guard refusals.isEmpty else {
                throw Refused(
                    message: refusals.map { "refused by \($0.rule) on the fresh read: \($0.message)" }
                        .joined(separator: "\n") + "\nNothing was applied.")
            }
            let notices =
                try lockNotices
                + settle(
                    openIntents, reviewed: reviewed.changes, reconciliation: reconciliation, journal: journal,
                    audit: audit, identity: identity, planChecksum: reviewed.checksum)
            let resumed = Set(openIntents)
            toApply = toApply.map {
                PendingChange(change: $0.change, resumes: $0.resumes || resumed.contains($0.change.id))
            }
            let prepared = Prepared(
                document: reviewed, reconciliation: reconciliation, fromSavedPlan: document != nil, notices: notices)
            guard await observer.confirm(prepared) else {
                throw Refused(message: "Apply cancelled; nothing was applied.")
            }
            // A change found applied that the log does not record as made (a write that took though
            // its answer was lost and its run gave up, or one made by hand) is recorded now, so the
            // log accounts for every change of the plan.
            for change in reconciliation.alreadyApplied where !audit.hasRecorded(change.id) {
                try audit.append(
                    identity.entry(change, planChecksum: reviewed.checksum, outcome: .resolved, verified: true))
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
            let executor = ApplyExecutor(
                systems: systems, audit: audit, journal: journal, identity: identity,
                planChecksum: reviewed.checksum, control: request.control, failFast: request.failFast,
                observer: observer.changed)
            let results = await executor.apply(toApply)
            report.changes += results
            report.stopped = request.control.stopReason
            let applied = results.filter { $0.outcome == .applied }
            if !applied.isEmpty {
                report = await readBack(
                    report, applied: Set(applied.map(\.id)), config: config, systems: systems, request: request)
            } else {
                report.converged = true
            }
            report.chainHead = audit.chainHead
            return report
        }
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

    /// Refuses the whole saved plan when any change in it is not one the config asks for now.
    /// No flag lets the rest through: a plan holding one forged change is not the plan that
    /// was reviewed.
    static func refuseUntrusted(
        _ saved: [PlannedChange], reconciliation: Reconciliation, fresh: Plan, config: Config, live: LiveState
    ) throws {
        var refused = SavedPlanCheck.inconsistent(saved, config: config, live: live)
        let named = Set(refused.map(\.change.id))
        refused += SavedPlanCheck.unwanted(
            reconciliation.pending.filter { !named.contains($0.change.id) }, fresh: fresh, live: live)
        guard !refused.isEmpty else { return }
        var lines = [
            "the saved plan holds \(counted(refused.count, "change")) that \(refused.count == 1 ? "is" : "are") "
                + "not what the config asks for now, so nothing was applied:"
        ]
        for item in refused {
            lines.append(
                "  \(item.change.address) (\(item.change.action.rawValue), id \(item.change.id)): \(item.reason)")
        }
        lines.append(
            "A saved plan is applied only when every change in it is one the config makes, planned from a fresh "
                + "read; no flag applies the rest. Make and review a new plan with `rollcall plan --out`.")
        throw Refused(message: lines.joined(separator: "\n"))
    }

    static func staleMessage(_ stale: [StaleChange]) -> String {
        var lines = ["the plan is stale: these records changed since it was made, so nothing was applied:"]
        for item in stale {
            lines.append("  \(item.change.address): \(item.changedFields.joined(separator: ", "))")
        }
        lines.append("Run plan again and review the new plan, or pass --skip-stale to apply the rest.")
        return lines.joined(separator: "\n")
    }

    /// Writes an outcome for every intent an interrupted run left open, from what the fresh read shows.
    static func settle(
        _ open: Set<String>, reviewed: [PlannedChange], reconciliation: Reconciliation, journal: ApplyJournal,
        audit: AuditLog, identity: RunIdentity, planChecksum: String?
    ) throws -> [String] {
        guard !open.isEmpty else { return [] }
        let applied = Set(reconciliation.alreadyApplied.map(\.id))
        var notices: [String] = []
        for change in reviewed where open.contains(change.id) {
            let done = applied.contains(change.id)
            try audit.append(
                identity.entry(
                    change, planChecksum: planChecksum, outcome: .resolved, verified: done,
                    error: done ? nil : "an interrupted run's write that did not take; it is made again"))
            try journal.outcome(change, runID: identity.runID, done ? "resolved: applied" : "resolved: not applied")
            notices.append(
                "an interrupted run left \(change.address) open; the live record shows it "
                    + (done ? "applied" : "not applied, so it is made again"))
        }
        return notices
    }

    static func readBack(
        _ report: ApplyReport, applied: Set<String>, config: Config, systems: LiveSystems, request: Request
    ) async -> ApplyReport {
        var report = report
        let snapshot = await SnapshotReader.read(config: config, systems: systems, practices: request.practices)
        guard snapshot.isComplete else {
            report.converged = false
            report.stopped =
                report.stopped ?? "the read after the writes failed: \(snapshot.failures.joined(separator: "; "))"
            return report
        }
        let again = Planner.plan(config: config, live: snapshot.state, policy: config.policy, today: request.today)
        let remaining = Set(again.changes.map(\.id)).intersection(applied)
        for index in report.changes.indices where remaining.contains(report.changes[index].id) {
            report.changes[index].outcome = .failed
            report.changes[index].verified = false
            report.changes[index].detail = "applied, but a read after the writes still plans it: it did not converge"
        }
        report.converged = remaining.isEmpty
        return report
    }
}
