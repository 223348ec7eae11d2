/// The words every offboarding renderer uses for a person and an account, so the text, the
/// Markdown and the HTML page say the same thing.
enum OffboardingText {
    static func verdict(_ verdict: OffboardingPerson.Verdict) -> String {
        switch verdict {
        case .stillActive: "still active"
        case .breach: "over the SLA"
        case .withinSLA: "within the SLA"
        case .notMeasured: "not measured"
        case .endUnknown: "end unknown"
        }
    }

    static func ended(_ person: OffboardingPerson) -> String {
        guard let endedAt = person.endedAt else { return "no known end (never guessed)" }
        let basis =
            switch person.endBasis {
            case .endedAt: "ended_at"
            case .terminationDate: "termination date"
            case .expires: "expires"
            case .unknown: "unknown"
            }
        return "\(endedAt) (\(basis))"
    }

    static func latency(_ seconds: Int?) -> String {
        seconds.map { TimeSpan.readable(seconds: $0) } ?? "unknown"
    }

    static func account(_ account: OffboardingAccount) -> String {
        switch account.state {
        case .active:
            return "still active" + (account.latencySeconds.map { ", for \(TimeSpan.readable(seconds: $0))" } ?? "")
        case .alreadyInactive:
            return "inactive, with no Rollcall write (deactivated elsewhere or earlier: time unknown)"
        case .deactivated:
            let when = account.deactivatedAt ?? ""
            let after = account.latencySeconds.map { ", \(TimeSpan.readable(seconds: $0)) after the end" } ?? ""
            let line = account.auditLine.map { "audit line \($0)" } ?? "audit line"
            let hash = account.auditHash.map { " (\($0.prefix(12)))" } ?? ""
            let verified = account.verified == true ? ", verified" : ", not verified"
            return "deactivated \(when)\(after), \(line)\(hash)\(verified)"
        }
    }
}

/// The offboarding report for a terminal: failing people first, each account on its own line.
public struct OffboardingTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func render(_ report: OffboardingReport) -> String {
        var out = ""
        if let read = report.read { out += PlanTextRenderer.describe(read) + "\n" }
        let log = report.auditLog
        out += "Audit log \(safe(log.path)): \(log.lines) lines, chain verified"
        out += log.head.isEmpty ? ".\n" : " to \(log.head.prefix(12)).\n"
        out += "Days end at midnight in \(safe(report.timeZone)); latency is measured to \(report.now).\n\n"
        if report.people.isEmpty { out += "No one left since \(report.since).\n\n" }
        for person in report.people {
            let label = OffboardingText.verdict(person.verdict).uppercased()
            let code = person.stillActive || person.breach ? "1;31" : person.verdict == .withinSLA ? "32" : "33"
            let name = person.name.isEmpty ? "" : " (\(safe(person.name)))"
            out += paint(label, code) + " \(safe(person.staffID))\(name), latency "
            out += OffboardingText.latency(person.latencySeconds) + "\n"
            out += "  employment ended: \(OffboardingText.ended(person)); from \(safe(person.source))\n"
            if person.accounts.isEmpty { out += "  no accounts live\n" }
            for account in person.accounts {
                out += "  \(safe(account.account)): \(safe(OffboardingText.account(account)))\n"
            }
            out += "\n"
        }
        out += paint("Offboarding:", "1") + " \(report.summary).\n"
        return out
    }

    private func safe(_ text: some CustomStringConvertible) -> String {
        TerminalText.escaped(text.description, keepingLineBreaks: false)
    }

    private func paint(_ text: String, _ code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}

/// The offboarding report as GitHub Markdown: a summary, then one row per account.
public struct OffboardingMarkdownRenderer: Sendable {
    public var limit: Int

    public init(limit: Int = MarkdownText.commentLimit) {
        self.limit = limit
    }

    public func render(_ report: OffboardingReport) -> String {
        let escape = MarkdownText.escaped
        var head = "## Rollcall offboarding: \(escape(report.summary))\n\n"
        head += "As of \(escape(report.now)), config \(report.config.map(escape).joined(separator: ", "))"
        if let commit = report.commit { head += ", commit \(escape(commit))" }
        head += ". Audit log \(escape(report.auditLog.path)): \(report.auditLog.lines) lines, chain verified"
        head += report.auditLog.head.isEmpty ? ".\n" : " to `\(report.auditLog.head.prefix(12))`.\n"
        var budget = MarkdownBudget(limit: limit)
        budget.add(head)
        guard !report.people.isEmpty else { return budget.text }
        budget.add(
            "\n| verdict | staff | ended | latency | account | how it ended |\n| --- | --- | --- | ---: | --- | --- |\n"
        )
        var shown = 0
        for person in report.people {
            let rows = (person.accounts.isEmpty ? [nil] : person.accounts.map { Optional($0) }).map { account in
                let cells = [
                    "**\(OffboardingText.verdict(person.verdict))**", escape(person.staffID),
                    escape(OffboardingText.ended(person)), escape(OffboardingText.latency(person.latencySeconds)),
                    escape(account?.account ?? "none"),
                    escape(account.map(OffboardingText.account) ?? "no accounts live"),
                ]
                return "| " + cells.joined(separator: " | ") + " |\n"
            }
            guard budget.add(rows.joined()) else { break }
            shown += 1
        }
        if shown < report.people.count {
            budget.text +=
                "\n**\(report.people.count - shown) more people are not shown here** (GitHub's limit is \(limit) "
                + "characters): the full report is `rollcall audit offboarding --format json`.\n"
        }
        return budget.text
    }
}
