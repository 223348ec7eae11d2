import Mustache

/// The offboarding report as one self-contained HTML page for an auditor's file: no network,
/// no scripts, every value escaped for HTML by the template (`MarkupContent`), as the drift
/// review is.
public struct OffboardingHTMLRenderer: Sendable {
    public init() {}

    struct Page {
        var summary: String
        var since: String
        var now: String
        var sla: String
        var timeZone: String
        var config: String
        var commit: String
        var auditPath: String
        var auditLines: Int
        var auditHead: String
        var rows: [Row]
        var hasRows: Bool
    }

    struct Row {
        var verdict: String
        var css: String
        var staff: String
        var name: String
        var ended: String
        var source: String
        var latency: String
        var account: String
        var outcome: String
    }

    public func render(_ report: OffboardingReport) -> String {
        _ = MarkupContent.registered
        var rows: [Row] = []
        for person in report.people {
            let css =
                person.stillActive || person.breach ? "critical" : person.verdict == .withinSLA ? "clean" : "medium"
            let accounts = person.accounts.isEmpty ? [nil] : person.accounts.map { Optional($0) }
            for account in accounts {
                rows.append(
                    Row(
                        verdict: OffboardingText.verdict(person.verdict), css: css, staff: person.staffID,
                        name: person.name, ended: OffboardingText.ended(person), source: person.source.description,
                        latency: OffboardingText.latency(person.latencySeconds), account: account?.account ?? "none",
                        outcome: account.map(OffboardingText.account) ?? "no accounts live"))
            }
        }
        let page = Page(
            summary: report.summary, since: report.since, now: report.now, sla: report.sla,
            timeZone: report.timeZone, config: report.config.joined(separator: ", "),
            commit: report.commit ?? "not in git", auditPath: report.auditLog.path, auditLines: report.auditLog.lines,
            auditHead: report.auditLog.head.isEmpty ? "empty log" : report.auditLog.head, rows: rows,
            hasRows: !rows.isEmpty)
        return Self.template?.render(page) ?? ""
    }

    static let template = try? MustacheTemplate(string: text)

    static let text =
        HTMLPage.head(
            title: "Rollcall offboarding report, {{now}}",
            styles: """
                .critical { background: #ffd7d5; } .medium { background: #fff5c2; } .clean { background: #ffffff; }
                .verdict { font-weight: 600; text-transform: uppercase; font-size: 12px; }
                """)
            + """
            <h1>Rollcall offboarding report</h1>
            <p class="meta">Leavers since <strong id="since">{{since}}</strong>, measured to <span id="now">{{now}}</span>; days end at midnight in {{timeZone}}. Config {{config}}, commit <span id="commit">{{commit}}</span>.</p>
            <p class="meta">Access must end within <strong id="sla">{{sla}}</strong> of employment (policy.offboarding_sla). Audit log {{auditPath}}: {{auditLines}} lines, chain verified to <code id="head">{{auditHead}}</code>.</p>
            <p id="summary"><strong>{{summary}}</strong></p>

            <h2>Leavers and their accounts</h2>
            {{^hasRows}}<p>No one left in the window.</p>{{/hasRows}}
            {{#hasRows}}
            <table id="people">
            <tr><th>verdict</th><th>staff</th><th>name</th><th>employment ended</th><th>from</th><th>latency</th><th>account</th><th>how access ended</th></tr>
            {{/hasRows}}
            {{#rows}}<tr class="{{css}}"><td class="verdict">{{verdict}}</td><td>{{staff}}</td><td>{{name}}</td><td>{{ended}}</td><td>{{source}}</td><td>{{latency}}</td><td>{{account}}</td><td>{{outcome}}</td></tr>
            {{/rows}}
            {{#hasRows}}</table>{{/hasRows}}

            """ + HTMLPage.signOff
}
