/// Text from outside (a server's words, a YAML value) made safe for a terminal:
/// control characters, escape sequences among them, are shown as `\u{1B}`, never sent raw.
public enum TerminalText {
    /// `text` in the SGR style `code` (`1` bold, `31` red) when `colored`, else as it is: the one
    /// place a renderer's colour is written.
    static func painted(_ text: String, _ code: String, colored: Bool) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A C0 or C1 control character (a line break among them): what a terminal may act on.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` with control characters (line breaks kept unless `keepingLineBreaks` is false)
    /// and direction-changing characters shown as `\u{…}`.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || ($0 == 0x0A && keepingLineBreaks) }) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            let isControl = Self.isControl(scalar)
            let isBidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            if (isControl && (scalar != "\n" || !keepingLineBreaks)) || isBidi {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
