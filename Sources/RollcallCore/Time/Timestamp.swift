/// An instant, to the second: seconds since 1970-01-01T00:00:00Z, with no clock behind it.
/// Written as ISO 8601 with its offset (`2026-02-27T17:00:00-05:00`) and printed in UTC
/// (`2026-02-27T22:00:00Z`), as the audit log writes its times.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// The instant `secondOfDay` seconds into `date` where clocks are `offset` seconds ahead of UTC.
    public init(date: CalendarDate, secondOfDay: Int, offset: Int = 0) {
        seconds = date.dayNumber * 86_400 + secondOfDay - offset
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or an offset (`+05:30`, `-0500`).
    /// A time without an offset is refused: it names no instant. Fractions of a second are dropped.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " ")
        else { return nil }
        var position = 11
        func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2), hour < 24, minute < 60 else {
            return nil
        }
        var second = 0
        if skip(UInt8(ascii: ":")) {
            guard let value = digits(2), value < 60 else { return nil }
            second = value
            if skip(UInt8(ascii: ".")) {
                let start = position
                while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9")
                {
                    position += 1
                }
                guard position > start else { return nil }
            }
        }
        guard position < bytes.count else { return nil }
        var offset = 0
        switch bytes[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = digits(2) else { return nil }
            _ = skip(UInt8(ascii: ":"))
            guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        guard position == bytes.count else { return nil }
        self.init(date: date, secondOfDay: hour * 3600 + minute * 60 + second, offset: offset)
    }

    /// The day this instant falls on in UTC.
    public var utcDate: CalendarDate {
        CalendarDate.unixEpoch.adding(days: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// `2026-02-27T22:00:00Z`.
    public var description: String {
        let day = utcDate
        let secondOfDay = seconds - day.dayNumber * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }
}

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let timestamp = Timestamp(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an ISO 8601 time with an offset")
        }
        self = timestamp
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
