import RollcallCore
import Testing

@Suite struct YAMLListStreamTests {
    /// Keeps what it is handed: each item's first scalar and its number.
    struct Recorder: YAMLListStream {
        var key = "staff"
        var taken: [(text: String, number: Int)] = []

        mutating func take(_ item: YAMLNode, number: Int) {
            taken.append((Self.firstText(item), number))
        }

        static func firstText(_ node: YAMLNode) -> String {
            switch node.content {
            case .scalar(let scalar): scalar.text
            case .sequence(let items): items.first.map(firstText) ?? ""
            case .mapping(let entries): entries.first.map { firstText($0.value) } ?? ""
            }
        }
    }

    func parse(_ text: String) -> (YAMLParser.Result, Recorder) {
        var recorder = Recorder()
        let result = YAMLParser.parse(Array(text.utf8), file: "f.yaml", streaming: &recorder)
        return (result, recorder)
    }

    /// The items of a top-level entry's value, by key.
    func items(_ result: YAMLParser.Result, _ key: String) -> [YAMLNode]? {
        guard case .mapping(let entries) = result.root?.content,
            case .sequence(let items) = entries.first(where: { $0.key == key })?.value.content
        else { return nil }
        return items
    }

    @Test func theTopLevelListIsHandedOverItemByItemAndLeftOutOfTheTree() {
        let (result, recorder) = parse(
            "other: [a]\nstaff:\n  - { id: jane }\n  - id: omar\n  - plain\nnested: { staff: [x] }\n")
        #expect(result.diagnostics.isEmpty)
        #expect(recorder.taken.map(\.text) == ["jane", "omar", "plain"])
        #expect(recorder.taken.map(\.number) == [1, 2, 3])
        #expect(items(result, "staff")?.count == 0)
        #expect(items(result, "other")?.count == 1)
        guard case .mapping(let entries) = result.root?.content,
            case .mapping(let nested) = entries.last?.value.content,
            case .sequence(let nestedItems) = nested.first?.value.content
        else {
            Issue.record("expected nested.staff")
            return
        }
        #expect(nestedItems.count == 1)
    }

    @Test func aListWrittenThroughAnAliasOrUnderARefusedKeyIsKept() {
        let (aliased, fromAlias) = parse("people: &p [a, b]\nstaff: *p\n")
        #expect(fromAlias.taken.isEmpty)
        #expect(items(aliased, "staff")?.count == 2)

        let (duplicate, fromDuplicate) = parse("staff: [a]\nstaff: [b, c]\n")
        #expect(fromDuplicate.taken.map(\.text) == ["a"])
        #expect(duplicate.diagnostics.map(\.message).first?.hasPrefix("duplicate key 'staff'") == true)
    }

    @Test func anAnchoredItemCanStillBeUsedByAnAliasAfterIt() {
        let (result, recorder) = parse("staff:\n  - &first { id: jane }\n  - *first\n")
        #expect(result.diagnostics.isEmpty)
        #expect(recorder.taken.map(\.text) == ["jane", "jane"])
    }
}
