import Mustache

/// The signed-off attestation of an access review as one self-contained HTML page: the
/// reviewer and dates, per system its totals by decision, every decision with its reason and
/// ticket, and the sign-off block. No network, no scripts; every value escaped for HTML by
/// the template (`MarkupContent`), as the drift review is.
public struct ReviewHTMLRenderer: Sendable {
    public init() {}

    struct Page {
        var reviewer: String
        var startedAt: String
        var nextReview: String
        var config: String
        var seal: String
        var status: String
        var css: String
        var shortfalls: [String]
        var hasShortfalls: Bool
        var systems: [ReviewReport.System]
        var items: [Row]
        var signer: String
    }

    struct Row {
        var css: String
        var account: String
        var staff: String
        var role: String
        var grants: String
        var privileged: String
        var lastSignIn: String
        var decision: String
        var reason: String
        var ticket: String
    }

    public func render(_ report: ReviewReport) -> String {
        _ = MarkupContent.registered
        let rows = report.items.map { item in
            Row(
                css: item.decision.isEmpty ? "medium" : item.decision == "keep" ? "clean" : "changed",
                account: item.account, staff: item.staffID, role: item.role, grants: item.grants,
                privileged: item.privileged ? "yes" : "", lastSignIn: item.lastSignInAt,
                decision: item.decision.isEmpty ? "undecided" : item.decision, reason: item.reason, ticket: item.ticket)
        }
        let page = Page(
            reviewer: report.reviewer, startedAt: report.startedAt, nextReview: report.nextReview,
            config: report.config, seal: report.seal,
            status: report.complete
                ? "Complete: every account decided, every revoke and modify carried out."
                : "Incomplete: \(report.shortfalls.count) shortfalls; not ready to sign.",
            css: report.complete ? "clean" : "critical", shortfalls: report.shortfalls,
            hasShortfalls: !report.shortfalls.isEmpty, systems: report.systems, items: rows, signer: report.reviewer)
        return Self.template?.render(page) ?? ""
    }

    static let template = try? MustacheTemplate(string: text)

    static let text =
        HTMLPage.head(
            title: "Rollcall access certification, {{startedAt}}",
            styles: """
                .critical { background: #ffd7d5; } .medium { background: #fff5c2; } .changed { background: #e6f4ff; }
                .clean { background: #ffffff; }
                """)
            + """
            <h1>Rollcall access certification</h1>
            <p class="meta">Reviewer <strong id="reviewer">{{reviewer}}</strong>. Lists read <span id="started">{{startedAt}}</span> from the live systems of config {{config}}. Next review due <strong id="next">{{nextReview}}</strong>. Campaign seal <code>{{seal}}</code>.</p>
            <p id="status" class="{{css}}"><strong>{{status}}</strong></p>
            {{#hasShortfalls}}<ul id="shortfalls">{{#shortfalls}}<li>{{.}}</li>{{/shortfalls}}</ul>{{/hasShortfalls}}

            <h2>Systems</h2>
            <table id="systems">
            <tr><th>system</th><th>where the list came from</th><th>accounts</th><th>privileged</th><th>keep</th><th>revoke</th><th>modify</th><th>undecided</th></tr>
            {{#systems}}<tr><td>{{name}}</td><td>{{source}}</td><td>{{accounts}}</td><td>{{privileged}}</td><td>{{keep}}</td><td>{{revoke}}</td><td>{{modify}}</td><td>{{undecided}}</td></tr>
            {{/systems}}
            </table>

            <h2>Decisions</h2>
            <table id="items">
            <tr><th>account</th><th>staff</th><th>role</th><th>grants</th><th>privileged</th><th>last sign-in</th><th>decision</th><th>reason</th><th>ticket</th></tr>
            {{#items}}<tr class="{{css}}"><td>{{account}}</td><td>{{staff}}</td><td>{{role}}</td><td>{{grants}}</td><td>{{privileged}}</td><td>{{lastSignIn}}</td><td>{{decision}}</td><td>{{reason}}</td><td>{{ticket}}</td></tr>
            {{/items}}
            </table>

            """ + HTMLPage.signOff
}
