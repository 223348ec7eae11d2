import RollcallCore

extension ApplyRun {
    /// Stage **verify**: after any write, a fresh read must plan none of the applied changes
    /// again; a change it still plans is marked failed, and the run did not converge.
    static func verify(
        _ report: ApplyReport, results: [ApplyReport.ChangeResult], config: Config, systems: LiveSystems,
        request: Request
    ) async -> ApplyReport {
        let applied = Set(results.filter { $0.outcome == .applied }.map(\.id))
        guard !applied.isEmpty else {
            var report = report
            report.converged = true
            return report
        }
        return await readBack(report, applied: applied, config: config, systems: systems, request: request)
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
