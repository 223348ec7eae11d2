/// A node of a YAML document as written: no YAML 1.1 type resolution is applied.
///
/// Scalars keep the exact text they spell (`No`, `Null`, `0123`); the config
/// decoder decides what a scalar means from the key it sits under, so a name
/// never turns into a boolean and a username never loses its leading zero.
package struct YAMLNode: Sendable {
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLMappingEntry])
    }

    package var content: Content
    /// The explicit tag, resolved by libyaml (`!!str` is `tag:yaml.org,2002:str`); `nil` when none was written.
    package var tag: String?
    package var line: Int
    package var column: Int

    package init(_ content: Content, tag: String? = nil, line: Int, column: Int) {
        self.content = content
        self.tag = tag
        self.line = line
        self.column = column
    }

    package func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    func location(in path: SourcePath) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    /// A short name of the node's kind for messages: "a mapping", "a list", "text".
    var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isPlain && scalar.text.isEmpty ? "an empty value" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

package struct YAMLScalar: Sendable, Hashable {
    package enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    package var text: String
    package var style: Style

    package init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    package var isPlain: Bool { style == .plain }
}

/// A key and its value; keys are always scalars (the parser rejects others).
package struct YAMLMappingEntry: Sendable {
    package var key: String
    package var keyLine: Int
    package var keyColumn: Int
    package var value: YAMLNode

    package init(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode) {
        self.key = key
        self.keyLine = keyLine
        self.keyColumn = keyColumn
        self.value = value
    }

    func keyLocation(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: keyLine, column: keyColumn)
    }

    func keyLocation(in path: SourcePath) -> SourceLocation {
        SourceLocation(path: path, line: keyLine, column: keyColumn)
    }
}

/// The core tags libyaml reports for `!!str`, `!!int`, and so on.
enum YAMLTag {
    static let string = "tag:yaml.org,2002:str"
    static let integer = "tag:yaml.org,2002:int"
    static let boolean = "tag:yaml.org,2002:bool"
    static let mapping = "tag:yaml.org,2002:map"
    static let sequence = "tag:yaml.org,2002:seq"
    /// The non-specific tag `!`, which only says "not plain".
    static let nonSpecific = "!"
}
