import RollcallCore

extension ApplyRun {
    /// Stage **settle the journal**: writes an outcome for every intent an interrupted run left open, from what the fresh read shows.
    static func settle(
        _ session: ApplySession, reviewed: [PlannedChange], reconciliation: Reconciliation, planChecksum: String?
    ) throws -> [String] {
        let open = session.journal.openIntents
        let (audit, journal, identity) = (session.audit, session.journal, session.identity)
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
}
