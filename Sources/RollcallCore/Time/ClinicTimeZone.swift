import Foundation

/// The time zone a clinic's days are counted in (`roster.time_zone`): an IANA name
/// (`America/New_York`) or `UTC`. A last day of access ends at midnight there.
///
/// The rules come from the time zone data compiled into Foundation's ICU, not from the
/// machine's clock or its `/etc/localtime`, so the same config reads the same on any machine.
public struct ClinicTimeZone: Sendable, Hashable, CustomStringConvertible {
    package let identifier: String
    private let zone: TimeZone

    package static let utc = ClinicTimeZone(checked: "UTC", zone: TimeZone(secondsFromGMT: 0) ?? .gmt)

    private init(checked identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    /// nil when the name is no time zone (`EST5EDT` style names are accepted where ICU knows them).
    public init?(identifier: String) {
        if identifier == "UTC" {
            self = .utc
            return
        }
        guard identifier.contains("/") || identifier.hasPrefix("Etc"), let zone = TimeZone(identifier: identifier)
        else { return nil }
        self.init(checked: identifier, zone: zone)
    }

    public var description: String { identifier }

    /// The instant `secondOfDay` seconds after midnight of `date` on this zone's clocks. In a
    /// gap (clocks put forward) the time is read with the offset before the change.
    public func instant(_ date: CalendarDate, secondOfDay: Int) -> Timestamp {
        let local = Timestamp(date: date, secondOfDay: secondOfDay)
        var guess = local.seconds - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local.seconds)))
        // Twice: the offset at the guess can differ from the one at the local reading near a change.
        for _ in 0..<2 {
            guess = local.seconds - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))
        }
        return Timestamp(seconds: guess)
    }

    /// When a last day of access ends: at `secondOfDay` when given, else at the midnight after it.
    public func end(ofLastDay date: CalendarDate, secondOfDay: Int? = nil) -> Timestamp {
        if let secondOfDay { return instant(date, secondOfDay: secondOfDay) }
        return instant(date.adding(days: 1), secondOfDay: 0)
    }

    public static func == (lhs: ClinicTimeZone, rhs: ClinicTimeZone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

/// A time of day in an HR export's `termination_time` column: `17:00`, `17:00:30`, `5:00 PM`.
package enum TimeOfDay {
    /// Seconds after midnight; nil when the text is no time of day.
    package static func seconds(_ text: String) -> Int? {
        var rest = Substring(text.trimmedSpace)
        var meridiem: Int?
        let upper = rest.uppercased()
        if upper.hasSuffix("AM") || upper.hasSuffix("PM") {
            meridiem = upper.hasSuffix("PM") ? 12 : 0
            rest = rest.dropLast(2)
            while rest.last == " " { rest = rest.dropLast() }
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.dropFirst().allSatisfy({ $0.count == 2 })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        var hour = numbers[0]
        let minute = numbers[1]
        let second = numbers.count == 3 ? numbers[2] : 0
        guard minute < 60, second < 60 else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + meridiem
        }
        guard hour < 24 else { return nil }
        return hour * 3600 + minute * 60 + second
    }
}
