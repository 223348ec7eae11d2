import Foundation

/// athenaOne sends most values as JSON strings, ids and booleans included
/// (`"departmentid": "1"`, `"billable": "false"`), though its docs show numbers
/// and booleans. These read either, and nothing else.
struct LenientInt: Decodable, Sendable {
    var value: Int?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let sent = try? container.decode(String.self) {
            // A string first: it is what athenaOne sends, and a failed try costs an error.
            let text = sent.trimmedOfSpaces
            guard text.isEmpty || Int(text) != nil else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a whole number")
            }
            value = Int(text)
        } else {
            value = try container.decode(Int.self)
        }
    }
}

struct LenientBool: Decodable, Sendable {
    var value: Bool?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            switch text.lowercased() {
            case "true", "1", "y": value = true
            case "false", "0", "n": value = false
            case "": value = nil
            case let text:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a boolean")
            }
        } else {
            value = try container.decode(Bool.self)
        }
    }
}

/// A list of ids: a JSON array of numbers or strings, or one comma-separated string.
struct LenientIDList: Decodable, Sendable {
    var values: [Int]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var values: [Int] = []
            while !list.isAtEnd {
                if let id = try list.decode(LenientInt.self).value { values.append(id) }
            }
            self.values = values
            return
        }
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        var values: [Int] = []
        for part in text.split(separator: ",") {
            guard let id = Int(String(part).trimmedOfSpaces) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a list of ids")
            }
            values.append(id)
        }
        self.values = values
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
