/// A YAML file assembled from blocks libyaml emits, with the comments libyaml cannot
/// write (its emitter has no comment events) between them.
///
/// Only three kinds of line are ours: a comment, whose text is escaped so it can never
/// end early; a key from the config schema (a `ConfigKey`, so never text from outside);
/// and a blank line. Every value goes through `YAMLEmitter`, which keeps each scalar
/// on one line, so a block can be indented under a key by prefixing its lines.
public struct YAMLDocument: Sendable {
    private var lines: [String] = []

    public init() {}

    /// `# text`, one line for each line of `text`.
    public mutating func comment(_ text: String, indent: Int = 0) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let escaped = Self.escapedComment(String(line))
            lines.append(String(repeating: " ", count: indent) + (escaped.isEmpty ? "#" : "# " + escaped))
        }
    }

    /// `key:` on a line of its own, for the blocks that follow it.
    mutating func key<Key: ConfigKey>(_ key: Key, indent: Int = 0) {
        lines.append(String(repeating: " ", count: indent) + key.rawValue + ":")
    }

    /// `value`, emitted by libyaml, each line indented by `indent` spaces.
    package mutating func block(_ value: YAMLOutput, indent: Int = 0) throws(YAMLEmitter.Failure) {
        let emitted = try YAMLEmitter.emit(value)
        let prefix = String(repeating: " ", count: indent)
        for line in emitted.split(separator: "\n") {
            lines.append(prefix + line)
        }
    }

    mutating func blankLine() {
        lines.append("")
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// A comment's text with every character that could end the line (a line break,
    /// NEL, the line and paragraph separators) or hide what it says (controls, format
    /// and direction characters) written as `\u{...}`.
    static func escapedComment(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let hidden =
                value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                || TextShape.isInvisible(scalar)
            if hidden {
                escaped += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
