import RollcallCore

extension ApplyRun {
    /// Stage **settle the journal**: writes an outcome for every intent an interrupted run left
    /// open, from what the fresh read shows. An intent whose change the reviewed plan no longer
    /// holds (its write took, so the fresh plan does not make it again) is judged from the
    /// change its intent line carries, which is believed only as a saved plan's change is: it
    /// must agree with itself and the config (`SavedPlanCheck`), and the audit log's chained
    /// `started` line must describe it. An edited journal closes its intent and writes nothing.
    static func settle(
        _ session: ApplySession, reviewed: [PlannedChange], reconciliation: Reconciliation, fresh: Plan,
        config: Config, live: LiveState, planChecksum: String?
    ) throws -> [String] {
        let open = session.journal.openChanges
        guard !open.isEmpty else { return [] }
        let (audit, journal, identity) = (session.audit, session.journal, session.identity)
        var applied = Set(reconciliation.alreadyApplied.map(\.id))
        var changes = reviewed.filter { open.keys.contains($0.id) }
        let held = Set(changes.map(\.id))
        var notices: [String] = []
        for id in open.keys.sorted() where !held.contains(id) {
            guard case .some(.some(let change)) = open[id],
                SavedPlanCheck.inconsistent([change], config: config, live: live).isEmpty,
                audit.startedLine(matches: change)
            else {
                try journal.outcome(changeID: id, address: "", runID: identity.runID, "resolved: not trusted")
                notices.append(
                    "the journal's open intent \(id) names no change this audit log started; "
                        + "it was closed, and nothing was recorded or sent for it")
                continue
            }
            changes.append(change)
            let judged = Reconciliation.reconcile(reviewed: [change], fresh: fresh, live: live)
            if !judged.alreadyApplied.isEmpty { applied.insert(id) }
        }
        for change in changes {
            let done = applied.contains(change.id)
            let again = held.contains(change.id)
            // The log may already say so: the run died between its audit line and its journal outcome.
            if !(done && audit.hasRecorded(change.id)) {
                try audit.append(
                    identity.entry(
                        change, planChecksum: planChecksum, outcome: .resolved, verified: done,
                        error: done
                            ? nil
                            : "an interrupted run's write that did not take; "
                                + (again ? "it is made again" : "the plan does not make it now")))
            }
            try journal.outcome(change, runID: identity.runID, done ? "resolved: applied" : "resolved: not applied")
            notices.append(
                "an interrupted run left \(change.address) open; the live record shows it "
                    + (done ? "applied" : again ? "not applied, so it is made again" : "not applied"))
        }
        return notices
    }
}
