import Foundation

/// `roster.username`: the athenaOne username a roster person gets, from a pattern of
/// tokens. Each token's text is folded to ASCII lower case (`Zoë Martínez` with
/// `{f}{last}` is `zmartinez`) and anything outside `[a-z0-9._-]` is dropped.
package enum RosterUsername {
    package static let tokens = ["{first}", "{last}", "{f}", "{l}", "{id}"]

    /// Why `pattern` is not a usable pattern, or nil.
    package static func problem(with pattern: String) -> String? {
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
    package static func make(_ pattern: String, first: String, last: String, id: String) -> String {
        Pattern(pattern).make(first: first, last: last, id: id)
    }

    /// A pattern split into its text and its tokens once, for a whole export.
    struct Pattern {
        enum Part {
            case text(String)
            case first, last, initial, lastInitial, id
        }

        let parts: [Part]

        init(_ pattern: String) {
            var parts: [Part] = []
            var rest = Substring(pattern)
            let tokens: [(String, Part)] = [
                ("{first}", .first), ("{last}", .last), ("{f}", .initial), ("{l}", .lastInitial), ("{id}", .id),
            ]
            var text = ""
            while !rest.isEmpty {
                if let (token, part) = tokens.first(where: { rest.hasPrefix($0.0) }) {
                    if !text.isEmpty { parts.append(.text(text)) }
                    text = ""
                    parts.append(part)
                    rest = rest.dropFirst(token.count)
                } else {
                    text.append(rest.removeFirst())
                }
            }
            if !text.isEmpty { parts.append(.text(text)) }
            self.parts = parts
        }

        func make(first: String, last: String, id: String) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(first.utf8.count + last.utf8.count + id.utf8.count + 8)
            for part in parts {
                switch part {
                case .text(let text): RosterUsername.appendFolded(text, to: &bytes)
                case .first: RosterUsername.appendFolded(first, to: &bytes)
                case .last: RosterUsername.appendFolded(last, to: &bytes)
                case .initial: RosterUsername.appendFolded(first, to: &bytes, limit: 1)
                case .lastInitial: RosterUsername.appendFolded(last, to: &bytes, limit: 1)
                case .id: RosterUsername.appendFolded(id, to: &bytes)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// ASCII lower case, accents taken off, every other character dropped.
    static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendFolded(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `fold(text)`, at most `limit` characters of it, appended to `bytes`: a whole username is
    /// built in one buffer.
    static func appendFolded(_ text: String, to bytes: inout [UInt8], limit: Int = .max) {
        // Most names are ASCII already, and Foundation's folding is slow: it is for the rest.
        let plain =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var kept = 0
        for byte in plain.utf8 where kept < limit {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "-"):
                bytes.append(byte)
            default: continue
            }
            kept += 1
        }
    }
}
