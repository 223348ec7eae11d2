import Foundation
import FoundationXML
import RollcallCore
import Testing

/// Every format from one report, with hostile values from the config and the servers.
@Suite struct DriftRenderingTests {
    static let hostile =
        "<script>alert(1)</script> | `tick` **bold** [x](http://e.vil) &amp; \u{1B}[31m \"q\" 'a' \u{0B}"

    /// A report whose findings carry `hostile` in names, messages and values.
    static func report(findings count: Int = 3) throws -> DriftReport {
        let staff = (0..<count).map { index in
            "  - { id: s\(index), first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: u\(index) } } }"
        }.joined(separator: "\n")
        let config = try PlanFixture.config(staff: staff)
        let users = (0..<count).map { index in
            PlanFixture.user(index + 1, "u\(index)", first: Self.hostile, last: "Lee")
        }
        return DriftDetector.report(
            config: config, live: PlanFixture.live(main: users), today: PlanFixture.today,
            source: DriftDetector.Source(paths: ["clinic <b>.yaml"], digest: "d", commit: "abc"))
    }

    @Test func markdownEscapesEveryValue() throws {
        let markdown = DriftMarkdownRenderer(fullReport: "drift.json").render(try Self.report())
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`tick\\` \\*\\*bold\\*\\*"))
        #expect(!markdown.contains("\u{1B}"))
        #expect(markdown.contains("clinic &lt;b&gt;.yaml"))
        #expect(markdown.contains("\\[x\\](http&#58;//e.vil)"), "neither a link nor an autolink")
        // Every table row has its eight cells: no value added a column.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| **") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 9)
        }
    }

    @Test func markdownIsCutUnderTheLimitWithANoteNamingTheFullReport() throws {
        let report = try Self.report(findings: 400)
        let markdown = DriftMarkdownRenderer(fullReport: "the drift-report artifact").render(report)
        #expect(markdown.utf16.count <= MarkdownText.commentLimit)
        #expect(markdown.contains("more findings are not shown here"))
        #expect(
            markdown.contains("the full report is the drift\\-report artifact")
                || markdown.contains("the full report is the drift-report artifact"))
        let small = DriftMarkdownRenderer(fullReport: "x").render(try Self.report(findings: 2))
        #expect(!small.contains("not shown here"))
    }

    @Test func junitIsWellFormedXMLWithOneFailurePerAccount() throws {
        let xml = DriftJUnitRenderer().render(try Self.report())
        let document = try XMLDocument(data: Data(xml.utf8))
        let cases = try document.nodes(forXPath: "//testcase")
        let failures = try document.nodes(forXPath: "//testcase/failure")
        #expect(cases.count == 3)
        #expect(failures.count == 3)
        let text = failures.first?.stringValue ?? ""
        #expect(text.contains("<script>alert(1)</script>"), "the parser reads back the value exactly")
        #expect(text.contains("\\u{1B}"), "a control character XML cannot hold is shown as text")
        #expect(!xml.contains("\u{0B}"))
    }

    @Test func htmlRendersAHostileValueAsText() throws {
        let html = DriftHTMLRenderer().render(try Self.report())
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("http://e.vil\""), "no value becomes a link")
        #expect(html.contains("<td>s0</td>"))
    }

    @Test func textEscapesControlCharacters() throws {
        let text = DriftTextRenderer(colored: false).render(try Self.report())
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("MEDIUM (3)"))
        #expect(text.hasSuffix("Drift: 3 medium.\n"))
    }

    @Test func jsonRoundTripsThroughItsDecoder() throws {
        let report = try Self.report()
        #expect(try DriftReport.decoded(report.encoded()) == report)
    }

    @Test func planMarkdownMarksEscalationsAndEscapes() throws {
        let config = try PlanFixture.config(
            staff:
                "  - { id: s0, first_name: Ann, last_name: Lee, email: s0@clinic.org, role: admin, practices: { main: { username: u0 } } }"
        )
        let plan = Planner.plan(
            config: config,
            live: PlanFixture.live(main: [PlanFixture.user(1, "u0", first: Self.hostile, last: "Lee")]),
            policy: config.policy, today: PlanFixture.today)
        let document = try PlanDocument(
            plan: plan, policy: config.policy, config: ["clinic.yaml"], configDigest: "d", read: nil
        ).sealed()
        let markdown = PlanMarkdownRenderer(fullReport: "plan.json").render(document)
        #expect(markdown.hasPrefix("## Rollcall plan: 1 to create, 1 to update"))
        #expect(markdown.contains("**escalates access**"))
        #expect(markdown.contains("user\\_type ⚠"))
        #expect(!markdown.contains("<script>"))
    }
}

/// Characters that change how text reads (a bidi override, an escape sequence) and `@`
/// mentions from live names are neutralised in every format, not only the terminal's.
@Suite struct DriftRenderingControlTests {
    static let reversing = "Ann\u{202E}txt.exe\u{1B}[2J\u{7F}\u{2066}"

    static func report(first: String) throws -> DriftReport {
        let config = try PlanFixture.config(
            staff:
                "  - { id: s0, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: u0 } } }"
        )
        return DriftDetector.report(
            config: config, live: PlanFixture.live(main: [PlanFixture.user(1, "u0", first: first, last: "Lee")]),
            today: PlanFixture.today, source: DriftDetector.Source(paths: ["clinic.yaml"], digest: "d", commit: "abc"))
    }

    @Test func htmlAndJUnitShowBidiAndControlCharactersAsCode() throws {
        let report = try Self.report(first: Self.reversing)
        for (format, text) in [
            ("html", DriftHTMLRenderer().render(report)), ("junit", DriftJUnitRenderer().render(report)),
            ("markdown", DriftMarkdownRenderer(fullReport: "x").render(report)),
            ("text", DriftTextRenderer(colored: false).render(report)),
        ] {
            for scalar in ["\u{202E}", "\u{1B}", "\u{7F}", "\u{2066}"] {
                #expect(!text.unicodeScalars.contains(scalar.unicodeScalars.first ?? " "), "\(format) holds it raw")
            }
            #expect(text.contains("\\u{202E}"), "\(format) shows it as code")
        }
    }

    @Test func markdownNeutralisesMentionsButNotEmailAddresses() throws {
        let markdown = MarkdownText.escaped("@everyone and (@org/team) but ann@clinic.org")
        #expect(!markdown.contains("@everyone"))
        #expect(markdown.contains("@&#8203;everyone"))
        #expect(markdown.contains("(@&#8203;org/team)"))
        #expect(markdown.contains("ann@clinic.org"))
        let report = try Self.report(first: "@everyone")
        let rendered = DriftMarkdownRenderer(fullReport: "x").render(report)
        #expect(!rendered.contains("@everyone"), "\(rendered)")
    }
}
