import RollcallCore
import Testing

/// Text from outside never reaches a terminal raw, and names that read as other names are caught.
@Suite struct HostileTextTests {
    @Test func escapeSequencesFromALiveSystemArePrintedEscaped() throws {
        let config = try PlanFixture.config(staff: "  []")
        let live = PlanFixture.live(main: [
            PlanFixture.user(5, "evil\u{1B}]0;pwned\u{07}", first: "\u{1B}[2J", last: "X\u{202E}gpj")
        ])
        let text = PlanTextRenderer(colored: false).render(PlanFixture.plan(config, live), read: nil)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(!text.contains("\u{202E}"))
        #expect(text.contains("\\u{1B}[2J"), "\(text)")
    }

    @Test func aDiagnosticNeverCarriesARawEscape() {
        let result = load("version: 1\n\"bad\\e[31mkey\": 1\n")
        let text = DiagnosticTextRenderer(colored: false).render(result.diagnostics)
        #expect(!result.diagnostics.isEmpty)
        #expect(!text.contains("\u{1B}"), "\(text)")
    }

    @Test func aUsernameWithARightToLeftOverrideIsRefused() {
        let result = load(Self.config(username: "admin\u{202E}txt"))
        #expect(result.config == nil)
        #expect(result.diagnostics.contains { $0.message.contains("invisible or direction-changing character") })
    }

    @Test func aUsernameMixingScriptsIsWarnedButValid() {
        let result = load(Self.config(username: "\u{0430}lee"))
        #expect(result.config != nil)
        #expect(
            result.diagnostics.contains { $0.severity == .warning && $0.message.contains("mixes Latin and Cyrillic") })
        #expect(load(Self.config(username: "алексей")).diagnostics.isEmpty, "one script alone is fine")
    }

    static func config(username: String) -> String {
        """
        version: 1
        systems: { athena: { practices: { main: { practiceid: 1, departments: [Clinic] } } } }
        roles: { nurse: { athena: { usertype: STAFF } } }
        staff:
          - { id: a, first_name: A, last_name: B, role: nurse, practices: { main: { username: "\(username)" } } }
        """
    }
}
