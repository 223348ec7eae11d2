/// Drift as GitHub Markdown, for a pull-request comment or a step summary: a summary
/// table, then one row per finding, cut with a visible note before GitHub's limit.
public struct DriftMarkdownRenderer: Sendable {
    /// Where the whole report is, named in the note when details are cut.
    public var fullReport: String
    public var limit: Int

    public init(fullReport: String, limit: Int = MarkdownText.commentLimit) {
        self.fullReport = fullReport
        self.limit = limit
    }

    public func render(_ report: DriftReport) -> String {
        let escape = MarkdownText.escaped
        var head = "## Rollcall drift: \(escape(report.summary))\n\n"
        var about = "As of \(escape(report.today)), config \(report.config.map(escape).joined(separator: ", "))"
        if let commit = report.commit { about += ", commit \(escape(commit))" }
        head += about + ".\n\n| severity | findings |\n| --- | ---: |\n"
        for (severity, count) in report.counts { head += "| \(severity.rawValue) | \(count) |\n" }
        head += "| suppressed by policy.ignore | \(report.suppressed.count) |\n"
        if let resolved = report.resolved { head += "| resolved since the last report | \(resolved.count) |\n" }
        var budget = MarkdownBudget(limit: limit)
        budget.add(head)
        if !report.findings.isEmpty {
            budget.add(
                "\n### Findings\n\n| severity | account | field | declared | live | finding | revert | adopt |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
            var shown = 0
            for finding in report.findings where budget.add(row(finding)) { shown += 1 }
            if shown < report.findings.count {
                budget.text +=
                    "\n**\(report.findings.count - shown) more findings are not shown here** (GitHub's limit is "
                    + "\(limit) characters): the full report is \(escape(fullReport)).\n"
            }
        }
        return budget.text
    }

    /// A line of YAML in a cell, its indentation kept as no-break spaces (HTML collapses spaces).
    static func indentedLine(_ line: Substring) -> String {
        let indent = line.prefix { $0 == " " }.count
        return String(repeating: "&nbsp;", count: indent) + MarkdownText.escaped(String(line.dropFirst(indent)))
    }

    private func row(_ finding: DriftFinding) -> String {
        let escape = MarkdownText.escaped
        let status = finding.status.map { " (\($0.rawValue))" } ?? ""
        let cells = [
            "**\(finding.severity.rawValue)**\(status)", escape(finding.address.description), escape(finding.field),
            escape(finding.declared ?? "–"), escape(finding.live ?? "–"), escape(finding.message),
            escape(finding.revert),
            finding.adopt.split(separator: "\n").map(Self.indentedLine).joined(separator: "<br>"),
        ]
        return "| " + cells.joined(separator: " | ") + " |\n"
    }
}
