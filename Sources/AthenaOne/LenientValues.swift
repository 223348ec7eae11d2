/// athenaOne sends most values as JSON strings, ids and booleans included
/// (`"departmentid": "1"`, `"billable": "false"`), though its docs show numbers
/// and booleans. These read either, and nothing else.
struct LenientInt: Decodable, Sendable {
    var value: Int?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let number = try? container.decode(Int.self) {
            value = number
        } else {
            let text = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
            guard text.isEmpty || Int(text) != nil else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a whole number")
            }
            value = Int(text)
        }
    }
}

struct LenientBool: Decodable, Sendable {
    var value: Bool?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let flag = try? container.decode(Bool.self) {
            value = flag
        } else {
            switch try container.decode(String.self).lowercased() {
            case "true", "1", "y": value = true
            case "false", "0", "n": value = false
            case "": value = nil
            case let text:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a boolean")
            }
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
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a list of ids")
            }
            values.append(id)
        }
        self.values = values
    }
}
