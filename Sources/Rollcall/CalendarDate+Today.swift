import Foundation
import RollcallCore

extension Timestamp {
    /// The clock, to the second: read here, above the pure core.
    public static func now(_ date: Date = Date()) -> Timestamp {
        Timestamp(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}

extension CalendarDate {
    /// Today in the machine's time zone: the clock is read here, above the pure core.
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> CalendarDate {
        let seconds = now.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: now))
        return CalendarDate.unixEpoch.adding(days: Int((seconds / 86_400).rounded(.down)))
    }
}
