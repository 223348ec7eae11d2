/// A plan as GitHub Markdown, for the pull request that changes access: the summary,
/// then one row per field that changes, escalations marked, cut before GitHub's limit.
public struct PlanMarkdownRenderer: Sendable {
    public var fullReport: String
    public var limit: Int

    public init(fullReport: String, limit: Int = MarkdownText.commentLimit) {
        self.fullReport = fullReport
        self.limit = limit
    }

    public func render(_ document: PlanDocument) -> String {
        let escape = MarkdownText.escaped
        let plan = document.plan
        let summary = plan.summary
        var head =
            "## Rollcall plan: \(summary.create) to create, \(summary.update) to update, "
            + "\(summary.deactivate) to deactivate, \(summary.reactivate) to reactivate\n\n"
        if let read = document.read { head += escape(PlanTextRenderer.describe(read)) + "\n\n" }
        head += "Checksum: \(escape(document.checksum ?? "none")).\n"
        if plan.changes.isEmpty { head += "\n**No changes.** The live accounts match the config.\n" }
        let escalations = plan.changes.filter(\.isEscalation).count
        if escalations > 0 { head += "\n**\(counted(escalations, "change")) escalate access.**\n" }
        for refusal in plan.refusals {
            head += "\n**Refused by \(escape(refusal.rule)):** \(escape(refusal.message))\n"
        }
        var budget = MarkdownBudget(limit: limit)
        budget.add(head)
        var cut = 0
        if !plan.changes.isEmpty {
            budget.add(
                "\n### Changes\n\n| change | address | staff | field | before | after |\n"
                    + "| --- | --- | --- | --- | --- | --- |\n")
            for change in plan.changes where !budget.add(rows(change)) { cut += 1 }
        }
        let findings = plan.findings.map {
            "- **\($0.severity.rawValue)** \(escape($0.address.description)): \(escape($0.message))\n"
        }
        if !findings.isEmpty, budget.add("\n### Findings\n\n") {
            for finding in findings where !budget.add(finding) { cut += 1 }
        } else {
            cut += findings.count
        }
        if cut > 0 {
            budget.text +=
                "\n**\(cut) more changes and findings are not shown here** (GitHub's limit is \(limit) "
                + "characters): the full plan is \(escape(fullReport)).\n"
        }
        return budget.text
    }

    private func rows(_ change: PlannedChange) -> String {
        let escape = MarkdownText.escaped
        var action = change.action.rawValue
        if let reason = change.reason { action += " (\(escape(reason)))" }
        if change.isEscalation { action += " **escalates access**" }
        var staff = escape(change.staffID ?? "–")
        if let source = change.source { staff += " (from \(escape(source.description)))" }
        guard !change.fields.isEmpty else {
            return "| \(action) | \(escape(change.address.description)) | \(staff) | | | |\n"
        }
        return change.fields.enumerated().map { index, field in
            let first = index == 0
            let name = escape(field.name) + (field.escalation ? " ⚠" : "")
            return "| \(first ? action : "") | \(first ? escape(change.address.description) : "") | "
                + "\(first ? staff : "") | \(name) | \(escape(field.before ?? "–")) | \(escape(field.after ?? "–")) |\n"
        }.joined()
    }
}
