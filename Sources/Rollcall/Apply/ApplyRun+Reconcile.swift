import RollcallCore

extension ApplyRun {
    /// What the reconcile stage leaves for the rest of the run.
    struct Scoped: Sendable {
        /// Changes left out by `--practice` or `--no-deactivations`, with why.
        var excluded: [ApplyReport.ChangeResult]
        var reconciliation: Reconciliation
        /// The fresh plan's change for each pending one: what is written.
        var toApply: [PendingChange]

        /// Marks the changes an interrupted run left open: they are looked up before they are made.
        mutating func resuming(_ open: Set<String>) {
            toApply = toApply.map {
                PendingChange(change: $0.change, resumes: $0.resumes || open.contains($0.change.id))
            }
        }
    }

    /// Stage **reconcile**: the reviewed changes in scope laid over the fresh read. A saved plan
    /// must hold only changes the config makes now, and a stale one is refused unless
    /// `--skip-stale`. What runs is the fresh plan's change: the saved one was just shown to be
    /// the same.
    static func reconcile(
        _ reviewed: PlanDocument, fresh: Plan, live: LiveState, input: ApplyInput, _ request: Request
    ) throws -> Scoped {
        // Changes left out by --practice or --no-deactivations are not compared with a read that
        // may not have covered them; they wait for a later run.
        var excluded: [ApplyReport.ChangeResult] = []
        var inScope: [PlannedChange] = []
        for change in reviewed.changes {
            if let reason = exclusion(of: change, request) {
                excluded.append(.init(change: change, outcome: .excluded, detail: reason))
            } else {
                inScope.append(change)
            }
        }
        var freshInScope = fresh
        freshInScope.changes.removeAll { exclusion(of: $0, request) != nil }
        let reconciliation = Reconciliation.reconcile(reviewed: inScope, fresh: freshInScope, live: live)
        if input.saved != nil {
            try refuseUntrusted(
                reviewed.changes, reconciliation: reconciliation, fresh: freshInScope, config: input.config,
                live: live)
        }
        if !reconciliation.stale.isEmpty && !request.skipStale {
            throw Refused(message: staleMessage(reconciliation.stale))
        }
        let wanted = Dictionary(freshInScope.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let toApply = reconciliation.pending.map {
            PendingChange(change: wanted[$0.change.id] ?? $0.change, resumes: $0.resumes)
        }
        return Scoped(excluded: excluded, reconciliation: reconciliation, toApply: toApply)
    }

    /// Stage **check safety**: the safety rules again, on the changes about to be written.
    static func checkSafety(_ toApply: [PendingChange], config: Config, live: LiveState, _ request: Request) throws {
        var refusals = Planner.refusals(
            applying: toApply.map(\.change), config: config, live: live, policy: config.policy, today: request.today)
        if request.allowMassDeactivation { refusals.removeAll(where: \.overridable) }
        guard refusals.isEmpty else {
            throw Refused(
                message: refusals.map { "refused by \($0.rule) on the fresh read: \($0.message)" }
                    .joined(separator: "\n") + "\nNothing was applied.")
        }
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
}
