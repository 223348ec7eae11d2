import Mustache

/// What a Mustache template escapes its values for: `{{% CONTENT_TYPE: ROLLCALL_XML}}` for
/// the JUnit report, whose values must also be characters XML 1.0 can hold at all, and
/// `{{% CONTENT_TYPE: ROLLCALL_HTML}}` for the access review. Both show control characters
/// (an escape sequence among them) and the characters that reverse the direction of text
/// (U+202E and its kin, which can make `exe.txt` read as `txt.exe`) as `\u{…}`, as the
/// terminal and Markdown do, never raw.
enum MarkupContent {
    static let xml = "ROLLCALL_XML"
    static let html = "ROLLCALL_HTML"

    /// Registers both content types with the template library, once.
    static let registered: Bool = {
        MustacheContentTypes.register(XMLContent(), named: xml)
        MustacheContentTypes.register(HTMLContent(), named: html)
        return true
    }()

    /// Controls other than tab and line breaks, C1 controls, and bidirectional overrides and isolates.
    static func isShownAsCode(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    struct HTMLContent: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var escaped = ""
            escaped.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": escaped += "&amp;"
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "\"": escaped += "&quot;"
                case "'": escaped += "&#39;"
                case _ where MarkupContent.isShownAsCode(scalar): escaped += MarkupContent.code(scalar)
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
    }

    struct XMLContent: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var escaped = ""
            escaped.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x26: escaped += "&amp;"
                case 0x3C: escaped += "&lt;"
                case 0x3E: escaped += "&gt;"
                case 0x22: escaped += "&quot;"
                case 0x27: escaped += "&apos;"
                // Characters XML 1.0 does not allow, even as references, and ones that
                // change how the text around them reads: shown as text instead.
                case _ where MarkupContent.isShownAsCode(scalar): escaped += MarkupContent.code(scalar)
                default:
                    escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
    }
}
