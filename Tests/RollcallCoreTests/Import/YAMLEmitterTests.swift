import RollcallCore
import Testing

/// What libyaml's emitter writes reads back exactly, with Rollcall's strict parser and as
/// text wherever a YAML 1.1 reader would guess another type.
@Suite struct YAMLEmitterTests {
    static let hostile = [
        "No", "no", "Yes", "on", "OFF", "y", "~", "null", "NULL", "", "0123", "123", "-1", "+1", "1e3", ".5",
        ".inf", "-.Inf", ".NaN", "0x1F", "1_000", "2026-01-01", "12:30", "true", "False", "<<", "=",
        "*star", "&anchor", "!tag", "#hash", "a #b", "a: b", "key:", "- dash", "-", "?", "? q", "%percent",
        "@at", "`tick", "|pipe", ">fold", "'single'", "\"double\"", "back\\slash", "{brace}", "[bracket]",
        "a, b", "Zoë Ångström", "山田 太郎", "O'Brien", "line\nbreak", "carriage\rreturn", "tab\there",
        "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "bell\u{07}", "bom\u{FEFF}x", " padded ", "trailing ",
        "emoji 🩺", "rtl \u{202E}txt", String(repeating: "long ", count: 60),
    ]

    @Test(arguments: hostile)
    func textReadsBackExactly(_ text: String) throws {
        let emitted = try YAMLEmitter.emit(.mapping([.init(text, .text(text))]))
        let parsed = YAMLParser.parse(Array(emitted.utf8), file: "out.yaml")
        #expect(parsed.diagnostics.isEmpty, "\(emitted)")
        guard case .mapping(let entries)? = parsed.root?.content, let entry = entries.first,
            case .scalar(let scalar) = entry.value.content
        else {
            Issue.record("not a one-entry mapping: \(emitted)")
            return
        }
        #expect(entry.key == text)
        #expect(scalar.text == text)
        if YAMLEmitter.readsAsNonText(text) || text.isEmpty {
            #expect(scalar.style != .plain, "\(text) must be quoted so no YAML 1.1 reader takes it for another type")
        }
    }

    @Test func everyScalarStaysOnOneLine() throws {
        let emitted = try YAMLEmitter.emit(.sequence(Self.hostile.map(YAMLOutput.text)))
        #expect(emitted.split(separator: "\n").count == Self.hostile.count)
    }

    @Test func numbersAndFlagsArePlain() throws {
        let emitted = try YAMLEmitter.emit(
            .mapping([.init("userid", .number(104)), .init("admin", .flag(true)), .init("text", .text("104"))]))
        #expect(emitted == "userid: 104\nadmin: true\ntext: '104'\n")
    }

    @Test func flowCollectionsQuoteWhatFlowSyntaxWouldSplit() throws {
        let emitted = try YAMLEmitter.emit(
            .mapping([
                .init(
                    "main",
                    .mapping([.init("departments", .sequence([.text("A, B"), .text("C]")], flow: true))], flow: true))
            ]))
        #expect(emitted == "main: {departments: ['A, B', 'C]']}\n")
    }

    @Test func aCommentCannotEndItsLineEarly() throws {
        var document = YAMLDocument()
        document.comment("evil\u{2028}staff: []\u{85}roles: {}\rversion: 2")
        try document.block(.mapping([.init("version", .number(1))]))
        let parsed = YAMLParser.parse(Array(document.text.utf8), file: "out.yaml")
        guard case .mapping(let entries)? = parsed.root?.content else {
            Issue.record("no mapping: \(document.text)")
            return
        }
        #expect(entries.map(\.key) == ["version"])
        #expect(document.text.split(separator: "\n").count == 2)
    }

    @Test func anIndentedBlockNestsUnderItsKey() throws {
        var document = YAMLDocument()
        document.comment("roles")
        try document.block(.mapping([.init("roles", .mapping([], flow: true))]))
        try document.block(.sequence([.mapping([.init("id", .text("No")), .init("note", .text("a\nb"))])]), indent: 2)
        #expect(document.text.contains("  - id: 'No'\n    note: \"a\\nb\"\n"))
    }
}
