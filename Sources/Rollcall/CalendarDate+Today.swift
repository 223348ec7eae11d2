import Foundation
import RollcallCore

extension CalendarDate {
    /// Today in the machine's time zone: the clock is read here, above the pure core.
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> CalendarDate {
        let seconds = now.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: now))
        return CalendarDate.unixEpoch.adding(days: Int((seconds / 86_400).rounded(.down)))
    }
}
