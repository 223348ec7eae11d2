import Foundation

/// The part of JSON Schema (draft 2020-12) that `schemas/plan.schema.json` uses, enough
/// to hold the encoder to the schema from Swift: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `$ref` into `$defs`, `enum`, `const`, `pattern`,
/// `minimum`, `minProperties`, `maxProperties` and `propertyNames`. CI also checks with
/// Python's jsonschema; this check runs with `swift test`, and records which schema
/// properties the documents used, so a test can prove the schema documents nothing
/// the encoder never writes.
package struct JSONSchemaCheck {
    let root: JSONValue
    package private(set) var problems: [String] = []
    /// Every schema property a document used, as `SCHEMA-PATH/properties/NAME`.
    package private(set) var usedProperties: Set<String> = []

    package init(schema: Data) throws {
        root = try JSONDecoder().decode(JSONValue.self, from: schema)
    }

    /// Every property the schema declares, as `SCHEMA-PATH/properties/NAME`.
    package var declaredProperties: Set<String> {
        var found: Set<String> = []
        func walk(_ schema: JSONValue, _ path: String) {
            for (name, property) in schema["properties"]?.object ?? [:] {
                found.insert("\(path)/properties/\(name)")
                walk(property, "\(path)/properties/\(name)")
            }
            if let items = schema["items"] { walk(items, "\(path)/items") }
            if let additional = schema["additionalProperties"] { walk(additional, "\(path)/additionalProperties") }
        }
        walk(root, "#")
        for (name, definition) in root["$defs"]?.object ?? [:] { walk(definition, "#/$defs/\(name)") }
        return found
    }

    package mutating func check(_ document: Data, name: String) throws {
        check(try JSONDecoder().decode(JSONValue.self, from: document), against: root, schemaPath: "#", at: name)
    }

    private mutating func check(_ value: JSONValue, against schema: JSONValue, schemaPath: String, at place: String) {
        if let reference = schema["$ref"]?.text {
            guard let target = root["$defs"]?[reference.replacingOccurrences(of: "#/$defs/", with: "")] else {
                problems.append("\(place): the schema has no \(reference)")
                return
            }
            check(value, against: target, schemaPath: reference, at: place)
        }
        if let types = schema["type"]?.texts, !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) {
            problems.append("\(place): \(value) is not of type \(types.joined(separator: " or "))")
            return
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            problems.append("\(place): \(value) is not one of the schema's values")
        }
        if let constant = schema["const"], constant != value {
            problems.append("\(place): \(value) is not \(constant)")
        }
        if let pattern = schema["pattern"]?.text, case .string(let text) = value,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            problems.append("\(place): '\(text)' does not match \(pattern)")
        }
        if let minimum = schema["minimum"]?.number, case .number(let number) = value, number < minimum {
            problems.append("\(place): \(number) is under \(minimum)")
        }
        switch value {
        case .object(let object): checkObject(object, against: schema, schemaPath: schemaPath, at: place)
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, schemaPath: "\(schemaPath)/items", at: "\(place)[\(index)]")
                }
            }
        default: break
        }
    }

    private mutating func checkObject(
        _ object: [String: JSONValue], against schema: JSONValue, schemaPath: String, at place: String
    ) {
        let properties = schema["properties"]?.object ?? [:]
        for name in schema["required"]?.texts ?? [] where object[name] == nil {
            problems.append("\(place): '\(name)' is required")
        }
        if let least = schema["minProperties"]?.number, Double(object.count) < least {
            problems.append("\(place): fewer than \(least) properties")
        }
        if let most = schema["maxProperties"]?.number, Double(object.count) > most {
            problems.append("\(place): more than \(most) properties")
        }
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if let names = schema["propertyNames"] {
                check(.string(name), against: names, schemaPath: "\(schemaPath)/propertyNames", at: "\(place) key")
            }
            if let property = properties[name] {
                usedProperties.insert("\(schemaPath)/properties/\(name)")
                check(value, against: property, schemaPath: "\(schemaPath)/properties/\(name)", at: "\(place).\(name)")
            } else if let additional = schema["additionalProperties"], additional != .bool(false) {
                check(
                    value, against: additional, schemaPath: "\(schemaPath)/additionalProperties", at: "\(place).\(name)"
                )
            } else if schema["additionalProperties"] == .bool(false) {
                problems.append("\(place): '\(name)' is not in the schema")
            }
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("null", .null), ("boolean", .bool),
            ("number", .number):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }
}
