/// A mapping's entries looked up by key. Config mappings hold a handful of keys
/// (the parser has already refused duplicates), so a scan beats hashing; each entry's key
/// is read as the schema's key once, when the mapping is checked.
struct MappingFields<Key: ConfigKey> {
    var entries: [YAMLMappingEntry]
    /// Each entry's key as the schema's, `nil` for an unknown one.
    var keys: [Key?]

    subscript(key: Key) -> YAMLMappingEntry? {
        keys.firstIndex(of: key).map { entries[$0] }
    }

    /// The known keys the mapping gives a value for.
    var written: KeySet<Key> { KeySet(keys.lazy.compactMap { $0 }) }
}

/// Typed readers for single values. Each takes the schema's word for what a key
/// holds, so YAML 1.1's guesses (`No` is false, `0123` is octal, `2026-12-31`
/// is a timestamp) never apply: text stays text, numbers must be plain whole
/// numbers, booleans must be `true` or `false`.
extension ConfigDecoder {
    mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }

    /// The entries of a mapping by key, after reporting each key the schema does not know at `place`.
    mutating func fields<Key: ConfigKey>(
        _ node: YAMLNode, keys: Key.Type, place: @autoclosure () -> String, key: String, keyLocation: SourceLocation
    ) -> MappingFields<Key>? {
        guard case .mapping(let entries) = node.content else {
            let hint =
                isEmpty(node)
                ? "write `\(key): {}` for an empty mapping"
                : "expected keys such as \(Key.names.prefix(3).joined(separator: ", "))"
            error(
                "'\(key)' must be a mapping, not \(node.kindDescription)", at: location(of: node, keyLocation),
                hint: hint)
            return nil
        }
        return fields(node, entries, keys: Key.keys(of: entries), place: place(), key: key)
    }

    /// The same, for a mapping whose entries' keys the caller has already read as the schema's.
    mutating func fields<Key: ConfigKey>(
        _ node: YAMLNode, _ entries: [YAMLMappingEntry], keys: [Key?], place: @autoclosure () -> String, key: String
    ) -> MappingFields<Key> {
        if let tag = node.tag, tag != YAMLTag.mapping {
            error("'\(key)' has the tag '\(tag)', which a config does not use", at: node.location(in: file))
        }
        // By position: a loop over the entries themselves copies each one.
        for position in keys.indices where keys[position] == nil {
            let entry = entries[position]
            let names = Key.names
            error(
                "unknown key '\(entry.key)' in \(place())\(Suggestion.phrase(for: entry.key, in: names))",
                at: entry.keyLocation(in: file), hint: "keys here: \(names.joined(separator: ", "))")
        }
        return MappingFields(entries: entries, keys: keys)
    }

    /// A list's items, or `nil` (reported) when the value is not a list.
    mutating func list(_ entry: YAMLMappingEntry, example: String) -> [YAMLNode]? {
        if case .sequence(let items) = entry.value.content { return items }
        error(
            "'\(entry.key)' must be a list, not \(entry.value.kindDescription)",
            at: location(of: entry.value, entry.keyLocation(in: file)), hint: "for example: \(entry.key): \(example)")
        return nil
    }

    mutating func text(_ entry: YAMLMappingEntry, prose: Bool = false) -> Located<String>? {
        text(entry.value, name: "'\(entry.key)'", keyLocation: entry.keyLocation(in: file), prose: prose)
    }

    /// Any scalar's exact text; quoting is allowed and changes nothing.
    ///
    /// Names, usernames and ids are compared with live records, so blank text, spaces at
    /// either end and control characters are refused; `prose` (a description) may hold
    /// line breaks and tabs.
    mutating func text(
        _ node: YAMLNode, name describe: @autoclosure () -> String, keyLocation: SourceLocation, prose: Bool = false
    ) -> Located<String>? {
        // Built only for a message: most values have none.
        var name: String { describe() }
        guard case .scalar(let scalar) = node.content else {
            error("\(name) must be text, not \(node.kindDescription)", at: node.location(in: file))
            return nil
        }
        if let tag = node.tag, tag != YAMLTag.string, tag != YAMLTag.nonSpecific {
            error("\(name) is text; the tag '\(tag)' does not fit it", at: node.location(in: file))
            return nil
        }
        if ScalarRules.isEmpty(scalar) {
            error("\(name) has no value", at: keyLocation, hint: "give a value or remove the key")
            return nil
        }
        let at = node.location(in: file)
        if let problem = TextShape.problem(with: scalar.text, prose: prose) {
            switch problem {
            case .blank: error("\(name) is blank", at: at, hint: "give a value or remove the key")
            case .paddedWithSpace:
                error("\(name) \(quoted(scalar.text)) has spaces at its start or end", at: at, hint: "remove them")
            case .controlCharacter: error("\(name) holds a control character", at: at)
            case .invisibleCharacter:
                error(
                    "\(name) holds an invisible or direction-changing character, so it reads as something it is not",
                    at: at, hint: "retype the value without it")
            }
            return nil
        }
        if !prose, let scripts = TextShape.mixedScripts(scalar.text) {
            diagnostics.append(
                .warning(
                    "\(name) \(quoted(scalar.text)) mixes \(scripts.map(\.rawValue).joined(separator: " and ")) letters; "
                        + "a lookalike letter makes it another name than the one it shows",
                    at: at, hint: "retype it in one script"))
        }
        return Located(scalar.text, at: at)
    }

    mutating func integer(_ entry: YAMLMappingEntry) -> Located<Int>? {
        let node = entry.value
        let at = location(of: node, entry.keyLocation(in: file))
        guard case .scalar(let scalar) = node.content else {
            error("'\(entry.key)' must be a whole number, not \(node.kindDescription)", at: at)
            return nil
        }
        if ScalarRules.isEmpty(scalar) {
            error("'\(entry.key)' has no value", at: at, hint: "give a whole number or remove the key")
            return nil
        }
        let tagged = node.tag == YAMLTag.integer
        guard scalar.isPlain || tagged else {
            error(
                "'\(entry.key)' must be a whole number, but \(quoted(scalar.text)) is quoted text", at: at,
                hint: "remove the quotes")
            return nil
        }
        if let tag = node.tag, !tagged {
            error("'\(entry.key)' is a whole number; the tag '\(tag)' does not fit it", at: at)
            return nil
        }
        guard let value = ScalarRules.wholeNumber(scalar.text) else {
            let why = ScalarRules.wholeNumberHint(scalar.text)
            error("'\(entry.key)' must be a whole number, not '\(scalar.text)'\(why)", at: at)
            return nil
        }
        return Located(value, at: at)
    }

    mutating func boolean(_ entry: YAMLMappingEntry) -> Located<Bool>? {
        let node = entry.value
        let at = location(of: node, entry.keyLocation(in: file))
        guard case .scalar(let scalar) = node.content else {
            error("'\(entry.key)' must be true or false, not \(node.kindDescription)", at: at)
            return nil
        }
        if scalar.isPlain || node.tag == YAMLTag.boolean, let value = ScalarRules.boolean(scalar.text) {
            return Located(value, at: at)
        }
        let ambiguous = ScalarRules.isAmbiguousBoolean(scalar.text)
        error(
            "'\(entry.key)' must be true or false, not \(scalar.isPlain ? "'\(scalar.text)'" : "quoted text \(quoted(scalar.text))")",
            at: at, hint: ambiguous ? "YAML 1.1 tools read '\(scalar.text)' as a boolean and others as text" : nil)
        return nil
    }

    /// A text value that must be one of `allowed`.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ entry: YAMLMappingEntry, as type: Choice.Type
    ) -> Located<Choice>? where Choice.RawValue == String {
        guard let value = text(entry) else { return nil }
        if let choice = Choice(rawValue: value.value) { return Located(choice, at: value.location) }
        let allowed = Choice.allCases.map(\.rawValue)
        error(
            "'\(entry.key)' is '\(value.value)', which is not one of \(allowed.joined(separator: ", "))"
                + Suggestion.phrase(for: value.value, in: allowed), at: value.location)
        return nil
    }

    /// Where to point for a value: at the value, or at its key when the value is empty (libyaml
    /// places an empty value after the colon or on the next line, which reads as the wrong place).
    func location(of node: YAMLNode, _ keyLocation: SourceLocation) -> SourceLocation {
        isEmpty(node) ? keyLocation : node.location(in: file)
    }

    func isEmpty(_ node: YAMLNode) -> Bool {
        if case .scalar(let scalar) = node.content { return ScalarRules.isEmpty(scalar) }
        return false
    }

    func quoted(_ text: String) -> String {
        "\"\(text)\""
    }

}
