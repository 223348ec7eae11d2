/// How a YAML scalar reads as the type a key expects: the one set of rules the
/// config decoder and the seed decoder (`YAMLValueDecoder`) share, so a value
/// means the same thing in a config and in a seed. YAML 1.1's guesses never
/// apply: `No`, `0123`, `~` and `null` are text wherever text is expected.
package enum ScalarRules {
    /// No value at all: a plain, empty scalar (`key:`). `~` and `null` are text, not nothing.
    package static func isEmpty(_ scalar: YAMLScalar) -> Bool {
        scalar.isPlain && scalar.text.isEmpty
    }

    /// `-?(0|[1-9][0-9]*)` within `Int`'s range; no signs, underscores, bases or exponents.
    static func wholeNumber(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits == "0" || !digits.hasPrefix("0")
        else { return nil }
        return Int(text)
    }

    /// Why `text` is not a whole number, when a reader would not see it: a leading zero.
    static func wholeNumberHint(_ text: String) -> String {
        text.count > 1 && text.hasPrefix("0") && text.allSatisfy(\.isNumber)
            ? " (a leading zero reads as octal in YAML 1.1; leave it out)" : ""
    }

    /// `true` or `false`, in any of YAML's three spellings of each; never `yes`, `no`, `on` or `off`.
    package static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// Words that YAML 1.1 tools read as booleans and others as text.
    static func isAmbiguousBoolean(_ text: String) -> Bool {
        ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
    }
}
