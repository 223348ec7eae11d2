import Foundation

/// `roster.username`: the athenaOne username a roster person gets, from a pattern of
/// tokens. Each token's text is folded to ASCII lower case (`Zoë Martínez` with
/// `{f}{last}` is `zmartinez`) and anything outside `[a-z0-9._-]` is dropped.
public enum RosterUsername {
    public static let tokens = ["{first}", "{last}", "{f}", "{l}", "{id}"]

    /// Why `pattern` is not a usable pattern, or nil.
    public static func problem(with pattern: String) -> String? {
        var rest = pattern
        for token in tokens { rest = rest.replacingOccurrences(of: token, with: "") }
        if rest.contains("{") || rest.contains("}") { return "has a token Rollcall does not know" }
        if rest == pattern { return "has no token, so everyone would get the same username" }
        if !fold(rest).elementsEqual(rest.lowercased()) {
            return "has a character a username cannot hold (only a-z, 0-9, '.', '_' and '-')"
        }
        return nil
    }

    /// The username `pattern` gives a person.
    public static func make(_ pattern: String, first: String, last: String, id: String) -> String {
        let first = fold(first)
        let last = fold(last)
        let values = [
            "{first}": first, "{last}": last, "{f}": String(first.prefix(1)), "{l}": String(last.prefix(1)),
            "{id}": fold(id),
        ]
        var result = pattern
        for token in tokens { result = result.replacingOccurrences(of: token, with: values[token] ?? "") }
        return fold(result)
    }

    /// ASCII lower case, accents taken off, every other character dropped.
    static func fold(_ text: String) -> String {
        let plain = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(
            String.UnicodeScalarView(
                plain.lowercased().unicodeScalars.filter {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
                }))
    }
}
