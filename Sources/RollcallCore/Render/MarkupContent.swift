import Mustache

/// What a Mustache template escapes its values for: `{{% CONTENT_TYPE: XML}}` for the
/// JUnit report, whose values must also be characters XML 1.0 can hold at all.
enum MarkupContent {
    static let xml = "ROLLCALL_XML"

    /// Registers the XML content type with the template library, once.
    static let registered: Bool = {
        MustacheContentTypes.register(XMLContent(), named: xml)
        return true
    }()

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
                case 0x09, 0x0A, 0x0D: escaped.unicodeScalars.append(scalar)
                // Not characters XML 1.0 allows, even as references: shown as text instead.
                case 0..<0x20, 0xFFFE, 0xFFFF:
                    escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
    }
}
