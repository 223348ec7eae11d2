extension DriftReport {
    /// This report against an earlier one: each finding marked new or known by its id, and
    /// the earlier findings that are gone listed as resolved, so a nightly job can alert on
    /// what changed rather than on the same list every night.
    public func marked(since previous: DriftReport) -> DriftReport {
        let before = Set(previous.findings.map(\.id))
        let now = Set(findings.map(\.id))
        var report = self
        for index in report.findings.indices {
            report.findings[index].status = before.contains(report.findings[index].id) ? .known : .new
        }
        report.resolved = previous.findings.filter { !now.contains($0.id) }.map { finding in
            var gone = finding
            gone.status = nil
            return gone
        }
        return report
    }
}
