/// An apply as people read it: one line per change as it completes, then a table
/// of what was applied, found applied, failed (with the API's words and request
/// ids), skipped, stale and left out, and the closing `Apply complete:` line.
public struct ApplyTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func line(_ result: ApplyReport.ChangeResult) -> String {
        let verb: String
        let (marker, color): (String, String)
        switch result.outcome {
        case .applied:
            verb = Self.past(result.action)
            (marker, color) =
                result.action == .deactivate ? ("-", "31") : result.action == .create ? ("+", "32") : ("~", "33")
        case .alreadyApplied: (verb, marker, color) = ("already applied", "=", "2")
        case .failed: (verb, marker, color) = ("FAILED", "!", "1;31")
        case .skipped: (verb, marker, color) = ("skipped", "·", "2")
        case .excluded: (verb, marker, color) = ("left out", "·", "2")
        case .stale: (verb, marker, color) = ("stale, not applied", "!", "1;33")
        case .notReviewed: (verb, marker, color) = ("not in the reviewed plan, not applied", "?", "2")
        }
        var text =
            "  \(paint(marker, color)) \(TerminalText.escaped(result.address.description, keepingLineBreaks: false)) \(verb)"
        if let source = result.source {
            text += ", from " + TerminalText.escaped(source.description, keepingLineBreaks: false)
        }
        if let detail = result.detail, result.outcome != .notReviewed {
            text += ": " + TerminalText.escaped(detail)
        }
        if result.outcome == .failed, !result.requestIDs.isEmpty {
            text += " (request ids: \(result.requestIDs.joined(separator: ", ")))"
        }
        return text + "\n"
    }

    public func summary(_ report: ApplyReport) -> String {
        var sections: [String] = []
        let groups: [(String, ApplyReport.Outcome)] = [
            ("Failed", .failed), ("Stale (changed since the plan)", .stale), ("Skipped", .skipped),
            ("Left out", .excluded), ("Not in the reviewed plan (never applied)", .notReviewed),
        ]
        for (title, outcome) in groups {
            let matching = report.changes.filter { $0.outcome == outcome }
            guard !matching.isEmpty else { continue }
            sections.append("\(paint(title + ":", "1")) \(matching.count)\n" + matching.map(line).joined())
        }
        if let stopped = report.stopped {
            sections.append(paint("Stopped:", "1;31") + " " + TerminalText.escaped(stopped) + "\n")
        }
        if report.converged == false {
            sections.append(paint("Error:", "1;31") + " a read after the writes still plans some applied changes\n")
        }
        let summary = report.summary
        var closing =
            "Apply complete: \(summary.created) created, \(summary.updated) updated, \(summary.reactivated) reactivated, "
            + "\(summary.deactivated) deactivated, \(summary.failed) failed, \(summary.skipped) skipped."
        if summary.alreadyApplied > 0 { closing += " \(summary.alreadyApplied) already applied." }
        sections.append(paint(closing, report.succeeded ? "1;32" : "1;31") + "\n")
        if let log = report.auditLog, let head = report.chainHead {
            sections.append("Audit log: \(log), chain head \(head)\n")
        }
        return sections.joined(separator: "\n")
    }

    static func past(_ action: PlannedChange.Action) -> String {
        switch action {
        case .create: "created"
        case .update: "updated"
        case .reactivate: "reactivated"
        case .deactivate: "deactivated"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}
