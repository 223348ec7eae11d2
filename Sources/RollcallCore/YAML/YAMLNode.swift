/// A node of a YAML document as written: no YAML 1.1 type resolution is applied.
///
/// Scalars keep the exact text they spell (`No`, `Null`, `0123`); the config
/// decoder decides what a scalar means from the key it sits under, so a name
/// never turns into a boolean and a username never loses its leading zero.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLMappingEntry])
    }

    public var content: Content
    /// The explicit tag, resolved by libyaml (`!!str` is `tag:yaml.org,2002:str`); `nil` when none was written.
    public var tag: String?
    public var line: Int
    public var column: Int

    public init(_ content: Content, tag: String? = nil, line: Int, column: Int) {
        self.content = content
        self.tag = tag
        self.line = line
        self.column = column
    }

    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// A short name of the node's kind for messages: "a mapping", "a list", "text".
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isPlain && scalar.text.isEmpty ? "an empty value" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    public var isPlain: Bool { style == .plain }
}

/// A key and its value; keys are always scalars (the parser rejects others).
public struct YAMLMappingEntry: Sendable {
    public var key: String
    public var keyLine: Int
    public var keyColumn: Int
    public var value: YAMLNode

    public init(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode) {
        self.key = key
        self.keyLine = keyLine
        self.keyColumn = keyColumn
        self.value = value
    }

    public func keyLocation(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: keyLine, column: keyColumn)
    }
}

/// The core tags libyaml reports for `!!str`, `!!int`, and so on.
public enum YAMLTag {
    public static let string = "tag:yaml.org,2002:str"
    public static let integer = "tag:yaml.org,2002:int"
    public static let boolean = "tag:yaml.org,2002:bool"
    public static let mapping = "tag:yaml.org,2002:map"
    public static let sequence = "tag:yaml.org,2002:seq"
    /// The non-specific tag `!`, which only says "not plain".
    public static let nonSpecific = "!"
}
