/// A length of time in the config (`policy.offboarding_sla: 1h`, `policy.dormant_after: 90d`):
/// whole numbers with a unit, `s`, `m`, `h`, `d` or `w`, one or more (`1h30m`).
package struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var seconds: Int

    package init(seconds: Int) {
        self.seconds = seconds
    }

    static let units: [(suffix: UInt8, seconds: Int)] = [
        (UInt8(ascii: "w"), 604_800), (UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3600),
        (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1),
    ]

    /// `1h`, `24h`, `90d`, `1h30m`; nil for anything else, zero among it.
    package init?(parsing text: String) {
        var total = 0
        var value = 0
        var digits = 0
        var parts = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 7 else { return nil }
            } else if let unit = Self.units.first(where: { $0.suffix == byte }), digits > 0 {
                total += value * unit.seconds
                (value, digits, parts) = (0, 0, parts + 1)
            } else {
                return nil
            }
        }
        guard digits == 0, parts > 0, total > 0 else { return nil }
        seconds = total
    }

    /// The largest units first: `1h30m`, `90d`, `45s`.
    package var description: String {
        var rest = seconds
        var text = ""
        for unit in Self.units where unit.seconds != 604_800 {
            let count = rest / unit.seconds
            if count > 0 { text += "\(count)\(Character(Unicode.Scalar(unit.suffix)))" }
            rest %= unit.seconds
        }
        return text.isEmpty ? "0s" : text
    }

    /// `3 h 12 min`, `2 d 4 h`, `40 s`: a latency as a reader takes it in, to two units.
    package static func readable(seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        var rest = abs(seconds)
        let names: [(String, Int)] = [("d", 86_400), ("h", 3600), ("min", 60), ("s", 1)]
        var parts: [String] = []
        for (name, size) in names where rest >= size || (name == "s" && parts.isEmpty) {
            parts.append("\(rest / size) \(name)")
            rest %= size
            if parts.count == 2 { break }
        }
        return sign + parts.joined(separator: " ")
    }

    package static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}
