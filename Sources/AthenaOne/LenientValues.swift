import Foundation

/// athenaOne sends most values as JSON strings, ids and booleans included
/// (`"departmentid": "1"`, `"billable": "false"`), though its docs show numbers
/// and booleans. These read either, and nothing else.
struct LenientInt: Decodable, Sendable {
    var value: Int?

    init(value: Int?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let sent = try? container.decode(String.self) {
            // A string first: it is what athenaOne sends, and a failed try costs an error.
            guard let number = Self.number(sent) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.problem(sent))
            }
            value = number
        } else {
            value = try container.decode(Int.self)
        }
    }

    /// `text` read as a whole number, spaces around it ignored: `.some(nil)` when it is
    /// empty, nil when it is no number.
    static func number(_ text: String) -> Int?? {
        let trimmed = text.trimmedOfSpaces
        if trimmed.isEmpty { return .some(nil) }
        return Int(trimmed).map { .some($0) }
    }

    static func problem(_ text: String) -> String { "'\(text.trimmedOfSpaces)' is not a whole number" }
}

struct LenientBool: Decodable, Sendable {
    var value: Bool?

    init(value: Bool?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            guard let flag = Self.flag(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.problem(text))
            }
            value = flag
        } else {
            value = try container.decode(Bool.self)
        }
    }

    /// `text` read as a boolean: `.some(nil)` when it is empty, nil when it is no boolean.
    static func flag(_ text: String) -> Bool?? {
        switch text.lowercased() {
        case "true", "1", "y": true
        case "false", "0", "n": false
        case "": .some(nil)
        default: nil
        }
    }

    static func problem(_ text: String) -> String { "'\(text.lowercased())' is not a boolean" }
}

/// A list of ids: a JSON array of numbers or strings, or one comma-separated string.
struct LenientIDList: Decodable, Sendable {
    var values: [Int]

    init(values: [Int]) { self.values = values }

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            values = try Self.read(&list)
            return
        }
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let values = Self.split(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.problem(text))
        }
        self.values = values
    }

    static func read(_ list: inout any UnkeyedDecodingContainer) throws -> [Int] {
        var values: [Int] = []
        while !list.isAtEnd {
            if let id = try list.decode(LenientInt.self).value { values.append(id) }
        }
        return values
    }

    /// The ids of a comma-separated string, or nil when a part is no whole number.
    static func split(_ text: String) -> [Int]? {
        var values: [Int] = []
        for part in text.split(separator: ",") {
            guard let id = Int(String(part).trimmedOfSpaces) else { return nil }
            values.append(id)
        }
        return values
    }

    static func problem(_ text: String) -> String { "'\(text)' is not a list of ids" }
}

/// The same readings straight from a record's container: a value read this way costs no
/// decoder of its own, which for a page of 100 users was most of the time it took to read.
extension KeyedDecodingContainer {
    /// nil when the key is absent or null, as `decodeIfPresent` reads it.
    func decodeLenientIfPresent(_ type: LenientInt.Type, forKey key: Key) throws -> LenientInt? {
        try decodeLenient(forKey: key, text: { LenientInt.number($0).map(LenientInt.init) }, LenientInt.problem) {
            LenientInt(value: try decode(Int.self, forKey: key))
        }
    }

    /// A value that must be there; null reads as no value, as `LenientInt` reads it.
    func decodeLenient(_ type: LenientInt.Type, forKey key: Key) throws -> LenientInt {
        if try decodeNil(forKey: key) { return LenientInt(value: nil) }
        return try decodeLenientIfPresent(type, forKey: key) ?? LenientInt(value: nil)
    }

    func decodeLenientIfPresent(_ type: LenientBool.Type, forKey key: Key) throws -> LenientBool? {
        try decodeLenient(forKey: key, text: { LenientBool.flag($0).map(LenientBool.init) }, LenientBool.problem) {
            LenientBool(value: try decode(Bool.self, forKey: key))
        }
    }

    func decodeLenientIfPresent(_ type: LenientIDList.Type, forKey key: Key) throws -> LenientIDList? {
        try decodeLenient(forKey: key, text: { LenientIDList.split($0).map(LenientIDList.init) }, LenientIDList.problem)
        {
            var list = try nestedUnkeyedContainer(forKey: key) as any UnkeyedDecodingContainer
            return LenientIDList(values: try LenientIDList.read(&list))
        }
    }

    /// The value at `key` read from text by `text` (nil: not such a value, reported with
    /// `problem`), or, when it is not text, by `otherwise`; nil when absent or null.
    private func decodeLenient<Value>(
        forKey key: Key, text: (String) -> Value?, _ problem: (String) -> String, otherwise: () throws -> Value
    ) throws -> Value? {
        do {
            guard let sent = try decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = text(sent) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: problem(sent))
            }
            return value
        } catch DecodingError.typeMismatch {
            return try otherwise()
        }
    }
}

extension String {
    /// Without the spaces and tabs around it. athenaOne's values seldom have any, so a value
    /// whose ends are not blank is returned as it is, without Foundation's trimming.
    var trimmedOfSpaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
