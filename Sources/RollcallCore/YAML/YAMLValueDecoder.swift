/// Decodes any `Decodable` type from a parsed YAML node, for files simpler than
/// the config (the sandbox seed). Scalars are typed by the Swift type asked for,
/// never by YAML 1.1 guessing: a `String` field keeps `No` and `0123` as
/// written, an `Int` must be a plain whole number, a `Bool` must be `true` or
/// `false`. Keys the type never asks for are errors, so a misspelt key is not
/// silently dropped. Every error names the file, line and column.
package struct YAMLValueDecoder: Sendable {
    /// Whether quoted numbers and booleans (`"101"`, `"true"`) are read as numbers and
    /// booleans: athenaOne writes every value as a string, and a seed copied from its
    /// answers keeps the quotes.
    package var acceptsQuotedValues: Bool

    package init(acceptsQuotedValues: Bool = false) {
        self.acceptsQuotedValues = acceptsQuotedValues
    }

    package func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode, file: String) throws(YAMLDecodingError) -> T
    {
        let tracker = KeyTracker()
        let value: T
        do {
            value = try T(
                from: NodeDecoder(
                    node: node, file: file, codingPath: [], tracker: tracker, acceptsQuotedValues: acceptsQuotedValues))
        } catch let error as YAMLDecodingError {
            throw error
        } catch {
            throw YAMLDecodingError(message: "\(error)", location: node.location(in: file))
        }
        if let unknown = tracker.firstUnread() {
            throw YAMLDecodingError(
                message:
                    "unknown key '\(unknown.entry.key)'\(Suggestion.phrase(for: unknown.entry.key, in: unknown.known))",
                location: unknown.entry.keyLocation(in: file))
        }
        return value
    }
}

/// What went wrong decoding a YAML file, and where.
package struct YAMLDecodingError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var location: SourceLocation

    package var description: String { "\(location): error: \(message)" }
}

/// Remembers which keys of each mapping were asked for, so unread keys can be reported.
private final class KeyTracker {
    struct Mapping {
        var entries: [YAMLMappingEntry]
        var read: Set<String> = []
    }
    var mappings: [Mapping] = []

    func register(_ entries: [YAMLMappingEntry]) -> Int {
        mappings.append(Mapping(entries: entries))
        return mappings.count - 1
    }

    func markRead(_ key: String, in mapping: Int) {
        mappings[mapping].read.insert(key)
    }

    func firstUnread() -> (entry: YAMLMappingEntry, known: [String])? {
        for mapping in mappings {
            if let entry = mapping.entries.first(where: { !mapping.read.contains($0.key) }) {
                return (entry, mapping.read.sorted())
            }
        }
        return nil
    }
}

private struct NodeDecoder: Decoder {
    let node: YAMLNode
    let file: String
    let codingPath: [any CodingKey]
    let tracker: KeyTracker
    let acceptsQuotedValues: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func fail(_ message: String, at node: YAMLNode? = nil) -> YAMLDecodingError {
        YAMLDecodingError(message: message, location: (node ?? self.node).location(in: file))
    }

    /// The decoded path as written in messages: `'athena.practices.195900.users[2]'`.
    var pathName: String {
        guard !codingPath.isEmpty else { return "the file" }
        var path = ""
        for key in codingPath {
            if key is IndexKey, let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "'\(path)'"
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .scalar(let scalar) = node.content, scalar.isPlain, scalar.text.isEmpty {
            return KeyedDecodingContainer(MappingContainer(decoder: self, entries: [], index: tracker.register([])))
        }
        guard case .mapping(let entries) = node.content else {
            throw fail("\(pathName) must be a mapping, not \(node.kindDescription)")
        }
        return KeyedDecodingContainer(
            MappingContainer(decoder: self, entries: entries, index: tracker.register(entries)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        if case .scalar(let scalar) = node.content, scalar.isPlain, scalar.text.isEmpty {
            return SequenceContainer(decoder: self, items: [])
        }
        guard case .sequence(let items) = node.content else {
            throw fail("\(pathName) must be a list, not \(node.kindDescription)")
        }
        return SequenceContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ScalarContainer(decoder: self) }

    func child(_ node: YAMLNode, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(
            node: node, file: file, codingPath: codingPath + [key], tracker: tracker,
            acceptsQuotedValues: acceptsQuotedValues)
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct MappingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let entries: [YAMLMappingEntry]
    let index: Int
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] {
        entries.compactMap { entry in
            decoder.tracker.markRead(entry.key, in: index)
            return Key(stringValue: entry.key)
        }
    }

    func contains(_ key: Key) -> Bool {
        decoder.tracker.markRead(key.stringValue, in: index)
        return entries.contains { $0.key == key.stringValue }
    }

    func entry(_ key: Key) throws -> YAMLMappingEntry {
        decoder.tracker.markRead(key.stringValue, in: index)
        guard let entry = entries.first(where: { $0.key == key.stringValue }) else {
            throw decoder.fail("\(decoder.pathName) is missing the key '\(key.stringValue)'")
        }
        return entry
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let entry = entries.first(where: { $0.key == key.stringValue }) else { return true }
        decoder.tracker.markRead(key.stringValue, in: index)
        if case .scalar(let scalar) = entry.value.content, ScalarRules.isEmpty(scalar) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: decoder.child(entry(key).value, key: key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(entry(key).value, key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(entry(key).value, key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder.child(entry(key).value, key: key) }
}

private struct SequenceContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [YAMLNode]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else { throw decoder.fail("\(decoder.pathName) has fewer items than expected") }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .scalar(let scalar) = items[currentIndex].content, ScalarRules.isEmpty(scalar)
        else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct ScalarContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func scalar(_ what: String) throws -> YAMLScalar {
        guard case .scalar(let scalar) = decoder.node.content else {
            throw decoder.fail("\(decoder.pathName) must be \(what), not \(decoder.node.kindDescription)")
        }
        return scalar
    }

    func decodeNil() -> Bool {
        if case .scalar(let scalar) = decoder.node.content { return ScalarRules.isEmpty(scalar) }
        return false
    }

    func decode(_ type: String.Type) throws -> String { try scalar("text").text }

    func decode(_ type: Bool.Type) throws -> Bool {
        let scalar = try scalar("true or false")
        guard let value = ScalarRules.boolean(scalar.text) else {
            let hint =
                ScalarRules.isAmbiguousBoolean(scalar.text)
                ? " (YAML 1.1 tools read '\(scalar.text)' as a boolean and others as text)" : ""
            throw decoder.fail("\(decoder.pathName) must be true or false, not '\(scalar.text)'\(hint)")
        }
        guard scalar.isPlain || decoder.acceptsQuotedValues else {
            throw decoder.fail("\(decoder.pathName) must be true or false, but \"\(scalar.text)\" is quoted text")
        }
        return value
    }

    func wholeNumber() throws -> Int64 {
        let scalar = try scalar("a whole number")
        guard let value = ScalarRules.wholeNumber(scalar.text).map(Int64.init) else {
            throw decoder.fail(
                "\(decoder.pathName) must be a whole number, not '\(scalar.text)'"
                    + ScalarRules.wholeNumberHint(scalar.text))
        }
        guard scalar.isPlain || decoder.acceptsQuotedValues else {
            throw decoder.fail("\(decoder.pathName) must be a whole number, but \"\(scalar.text)\" is quoted text")
        }
        return value
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let value = try wholeNumber()
        guard let exact = I(exactly: value) else {
            throw decoder.fail("\(decoder.pathName) is out of range: \(value)")
        }
        return exact
    }

    func decode(_ type: Double.Type) throws -> Double {
        let scalar = try scalar("a number")
        guard scalar.isPlain, let value = Double(scalar.text), value.isFinite else {
            throw decoder.fail("\(decoder.pathName) must be a number, not '\(scalar.text)'")
        }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
