/// Renders a plan the way terraform does: a `# ADDRESS will be …` header per
/// change, `+`/`~`/`-` markers, aligned `field = before -> after`, unchanged
/// fields hidden with a count, findings, refusals, and a closing `Plan:` line.
public struct PlanTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func render(_ plan: Plan, read: ReadSummary?) -> String {
        var sections: [String] = []
        if let read { sections.append(Self.describe(read) + "\n") }
        if plan.changes.isEmpty {
            sections.append(paint("No changes.", "1") + " The live accounts match the config.\n")
        } else {
            sections.append("Rollcall will perform the following actions:\n")
            sections += plan.changes.map(render)
        }
        let warnings = plan.findings.filter { $0.severity == .warning }
        if !warnings.isEmpty {
            sections.append(
                paint("Warnings:", "1;33") + "\n"
                    + warnings.map { "  \(paint("!", "33")) \(Self.safe($0.address)): \(Self.safe($0.message))\n" }
                    .joined())
        }
        let notes = plan.findings.filter { $0.severity == .info }
        if !notes.isEmpty {
            sections.append(
                paint("Notes:", "1") + "\n"
                    + notes.map { "  - \(Self.safe($0.address)): \(Self.safe($0.message))\n" }.joined())
        }
        for refusal in plan.refusals {
            sections.append(
                paint("Error:", "1;31") + " refused by \(refusal.rule): \(Self.safe(refusal.message))\n"
                    + refusal.records.map { "    \(Self.safe($0))\n" }.joined())
        }
        if plan.hasChanges {
            let summary = plan.summary
            sections.append(
                paint("Plan:", "1") + " \(summary.create) to create, \(summary.update) to update, "
                    + "\(summary.deactivate) to deactivate, \(summary.reactivate) to reactivate.\n")
        }
        if !plan.refusals.isEmpty {
            sections.append(
                paint("Refused:", "1;31") + " this plan breaks \(counted(plan.refusals.count, "safety rule")) "
                    + "(\(plan.refusals.map(\.rule).joined(separator: ", "))) and cannot be applied.\n")
        }
        return sections.joined(separator: "\n")
    }

    /// One line on what was read and what it cost.
    public static func describe(_ read: ReadSummary) -> String {
        var systems: [String] = []
        if read.athenaPractices > 0 {
            systems.append(
                "athenaOne \(counted(read.athenaPractices, "practice")) (\(counted(read.athenaUsers, "user")), "
                    + "\(counted(read.athenaProviders, "provider")), \(counted(read.athenaDepartments, "department")))")
        }
        if let members = read.healthieMembers {
            systems.append(
                "Healthie \(counted(members, "member")), \(counted(read.healthieClientsMatched, "client")) under staff emails"
            )
        }
        let seconds = (read.seconds * 100).rounded() / 100
        var cost = "\(counted(read.requests, "request")), \(counted(read.retries, "retry", plural: "retries"))"
        if read.throttled > 0 { cost += " (\(read.throttled) rate-limited)" }
        return "Read \(systems.isEmpty ? "nothing" : systems.joined(separator: "; ")): \(cost) in \(seconds) s."
    }

    func render(_ change: PlannedChange) -> String {
        let (verb, marker, color): (String, String, String) =
            switch change.action {
            case .create: ("will be created", "+", "32")
            case .update: ("will be updated in-place", "~", "33")
            case .deactivate: ("will be deactivated", "-", "31")
            case .reactivate: ("will be reactivated", "~", "33")
            }
        var header = "  # \(paint(Self.safe(change.address), "1")) \(verb)"
        if let reason = change.reason { header += " (\(Self.safe(reason)))" }
        if change.isEscalation { header += paint(" [escalates access]", "1;35") }
        var lines = [header]
        if let source = change.source { lines.append("  # from \(Self.safe(source.description))") }
        for note in change.notes { lines.append("  # \(Self.safe(note))") }
        let kind = change.system == .athena ? "user" : "member"
        lines.append("  \(paint(marker, color)) \(kind) \(Self.safe(change.address.quotedKey)) {")
        let width = change.fields.map(\.name.count).max() ?? 0
        for field in change.fields {
            let padded = field.name + String(repeating: " ", count: width - field.name.count)
            let escalation = field.escalation ? paint("  # escalation", "35") : ""
            if change.action == .create {
                lines.append("      \(paint("+", "32")) \(padded) = \(Self.safe(field.after ?? "null"))\(escalation)")
            } else {
                lines.append(
                    "      \(paint("~", "33")) \(padded) = \(Self.safe(field.before ?? "null")) -> "
                        + "\(Self.safe(field.after ?? "null"))\(escalation)"
                )
            }
        }
        if change.unchangedCount > 0 {
            lines.append(paint("        # (\(counted(change.unchangedCount, "unchanged field")) hidden)", "2"))
        }
        lines.append("    }")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text that came from a YAML file or a server, made safe to print on a terminal.
    static func safe(_ text: some CustomStringConvertible) -> String {
        TerminalText.escaped(text.description, keepingLineBreaks: false)
    }

    private func paint(_ text: String, _ code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}
