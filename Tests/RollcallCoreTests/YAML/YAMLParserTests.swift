import RollcallCore
import Testing

@Suite struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLLimits = .standard) -> YAMLParser.Result {
        YAMLParser.parse(Array(text.utf8), file: "f.yaml", limits: limits)
    }

    @Test func nodesCarryLinesAndColumns() throws {
        let result = parse("a:\n  b: [x, 'y']\n  c: {d: 1}\n")
        let root = try #require(result.root)
        guard case .mapping(let top) = root.content, case .mapping(let inner) = top[0].value.content else {
            Issue.record("expected nested mappings")
            return
        }
        #expect(top[0].key == "a" && top[0].keyLine == 1 && top[0].keyColumn == 1)
        #expect(inner.map(\.key) == ["b", "c"])
        #expect(inner[1].keyLine == 3 && inner[1].keyColumn == 3)
        guard case .sequence(let items) = inner[0].value.content else {
            Issue.record("expected a list")
            return
        }
        #expect(items.map(\.column) == [7, 10])
        guard case .scalar(let quoted) = items[1].content else {
            Issue.record("expected a scalar")
            return
        }
        #expect(quoted == YAMLScalar("y", style: .singleQuoted))
    }

    @Test(arguments: ["No", "Null", "0123", "2026-12-31", "~", "yes", "1e3", "0x1F"])
    func plainScalarsKeepTheTextTheySpell(_ text: String) throws {
        let root = try #require(parse("v: \(text)\n").root)
        guard case .mapping(let entries) = root.content, case .scalar(let scalar) = entries[0].value.content else {
            Issue.record("expected a scalar value")
            return
        }
        #expect(scalar.text == text)
        #expect(scalar.isPlain)
    }

    @Test func duplicateKeysAreErrorsAtTheSecondKey() {
        let result = parse("staff:\n  - id: a\n    role: nurse\n    role: physician\n")
        #expect(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics.first
        #expect(position(diagnostic) == [4, 5])
        #expect(diagnostic?.message == "duplicate key 'role' (first given at line 3, column 5)")
    }

    @Test func syntaxErrorsCarryLibyamlsPosition() {
        let result = parse("version: 1\nname: a: b\n")
        #expect(result.root == nil)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.message == "YAML syntax: mapping values are not allowed in this context")
        #expect(position(diagnostic) == [2, 8])
    }

    @Test func unclosedFlowListNamesWhereItOpened() {
        let result = parse("a: [1, 2\nb: 3\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message.contains("line 1, column 4") == true)
    }

    @Test func billionLaughsFailsOnTheAliasThatCrossesTheBound() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let result = parse(text)
        #expect(result.root == nil)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.message.hasPrefix("aliases expand to more than 10000 nodes") == true)
        // Level 4 holds 9^4 + ... nodes per use: the bound is crossed on line 5, long before level 9.
        #expect(diagnostic?.line == 5)
    }

    @Test func aliasUsesAreCounted() {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxAliases: 3, maxAliasExpansion: 1000, maxDepth: 64)
        let result = parse("x: &x 1\nl: [*x, *x, *x, *x]\n", limits: limits)
        #expect(result.diagnostics.first?.message == "more than 3 aliases in one file")
        #expect(position(result.diagnostics.first) == [2, 17])
    }

    @Test func smallAliasesExpandToCopies() throws {
        let root = try #require(parse("depts: &d [Lab, Main]\nagain: *d\n").root)
        guard case .mapping(let entries) = root.content, case .sequence(let items) = entries[1].value.content else {
            Issue.record("expected the alias to expand to a list")
            return
        }
        #expect(items.count == 2)
        #expect(entries[1].value.line == 2)
    }

    @Test func undefinedAndSelfReferencingAliasesAreErrors() {
        #expect(parse("a: *nope\n").diagnostics.first?.message == "alias '*nope' names no anchor defined before it")
        #expect(parse("a: &x [*x]\n").root == nil)
    }

    @Test func invalidUTF8IsReportedWhereItIs() {
        var bytes = Array("version: 1\nstaff:\n  - id: ab".utf8)
        bytes.append(0xFF)
        bytes += Array("c\n".utf8)
        let result = YAMLParser.parse(bytes, file: "f.yaml")
        #expect(result.root == nil)
        #expect(position(result.diagnostics.first) == [3, 11])
        #expect(result.diagnostics.first?.message.hasPrefix("file is not valid UTF-8") == true)
    }

    @Test func utf16IsRefused() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a: 1".utf8).flatMap { [$0, 0] }
        let result = YAMLParser.parse(bytes, file: "f.yaml")
        #expect(result.diagnostics.first?.message.contains("UTF-16") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "name: Zoë" is 9 characters but 10 bytes: the stray colon is column 10.
        let result = parse("name: Zoë: x\n")
        #expect(position(result.diagnostics.first) == [1, 10])
    }

    @Test func filesOverTheSizeBoundAreRefused() {
        let limits = YAMLLimits(maxFileBytes: 16, maxAliases: 10, maxAliasExpansion: 10, maxDepth: 10)
        let result = parse("version: 1\nstaff: []\n", limits: limits)
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message == "file is 21 bytes, over the limit of 16 bytes")
    }

    @Test func emptyFilesAreRefused() {
        #expect(parse("").diagnostics.first?.message == "file is empty")
        #expect(parse("\n  \n").diagnostics.first?.message == "file is empty")
    }

    @Test func oneDocumentPerFile() {
        let result = parse("version: 1\n---\nversion: 2\n")
        #expect(result.root == nil)
        #expect(position(result.diagnostics.first) == [2, 1])
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let result = parse("a: \(deep)\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message == "nesting is deeper than 64 levels")
    }

    @Test func mergeKeysAndComplexKeysAreRejected() {
        let merge = parse("base: &b {x: 1}\nrole:\n  <<: *b\n  y: 2\n")
        #expect(merge.diagnostics.first?.message == "merge keys ('<<') are not supported")
        #expect(position(merge.diagnostics.first) == [3, 3])
        let complex = parse("? [a, b]\n: c\n")
        #expect(complex.diagnostics.first?.message == "a mapping key must be a single value, not a list")
    }

    @Test func aUTF8ByteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("version: 1\nstaff: []\n".utf8)
        let result = YAMLParser.parse(bytes, file: "f.yaml")
        #expect(result.diagnostics.isEmpty)
        guard case .mapping(let entries) = try #require(result.root).content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(entries.map(\.key) == ["version", "staff"])
    }

    @Test func aFileOfOnlyCommentsIsRefused() {
        let result = parse("# nothing here yet\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.message) == ["file holds no YAML document, only comments"])
    }
}

@Suite struct ControlCharacterTests {
    /// libyaml reports a NUL anywhere at 1:1; Rollcall names the line and column it stands at.
    @Test(arguments: [(UInt8(0x00), "U+0000 (NUL)"), (0x1B, "U+001B"), (0x7F, "U+007F")])
    func aControlCharacterIsReportedWhereItStands(byte: UInt8, name: String) {
        var bytes = Array("version: 1\nroles: {}\nstaff:\n  - id: a".utf8)
        bytes.append(byte)
        bytes += Array("b\n".utf8)
        let result = YAMLParser.parse(bytes, file: "c.yaml")
        let error = result.diagnostics.first
        #expect(error?.line == 4 && error?.column == 10, "\(String(describing: error))")
        #expect(error?.message.contains(name) == true)
    }
}
