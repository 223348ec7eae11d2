import Foundation

/// Text from outside made safe for GitHub-flavoured Markdown, in a table cell or a paragraph:
/// HTML is written as entities, and every character Markdown gives a meaning (`|`, backticks,
/// emphasis, link and image brackets, headings, strikethrough) is escaped with a backslash
/// (parentheses and `!` mean nothing without an unescaped `[`), and a bare URL is broken up
/// (`&#58;//`, `www&#46;`) so GitHub does not turn it into a link, so a value shows as itself and
/// never as markup, a link or a broken table. Line breaks become spaces. An `@` that GitHub
/// would read as a mention (`@everyone`, `@org/team`: one not after a letter or digit, so an
/// email address is left as it is) gets a zero-width space after it, as Dependabot writes them,
/// so a name from outside never notifies anybody.
public enum MarkdownText {
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        for scalar in TerminalText.escaped(text, keepingLineBreaks: true).unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "@" where !(previous.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } ?? false):
                result += "@&#8203;"
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r": result += " "
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result.replacingOccurrences(of: "://", with: "&#58;//").replacingOccurrences(
            of: "www.", with: "www&#46;")
    }

    /// GitHub's limit on a comment's body, and on a step summary's.
    public static let commentLimit = 65_535
}

/// Builds Markdown that stays under a size limit: sections are added while they fit,
/// and what does not is cut with a visible note naming where the full report is.
struct MarkdownBudget {
    let limit: Int
    var text = ""
    var cut = 0

    /// Adds `section` when it fits with `reserve` characters left for the note; false when it was cut.
    @discardableResult
    mutating func add(_ section: String, reserve: Int = 600) -> Bool {
        guard cut == 0, text.utf16.count + section.utf16.count + reserve <= limit else {
            cut += 1
            return false
        }
        text += section
        return true
    }
}
