import ArgumentParser
import Rollcall
import RollcallCore

/// `--today`, shared by every command that decides what has expired.
struct DayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Work as of this day instead of today, for expiries.", valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        guard let today, CalendarDate(iso: today) == nil else { return }
        let parts = today.split(separator: "-", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) }
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
        if wellFormed {
            throw ValidationError("--today \(today) is written as YYYY-MM-DD, but there is no such day")
        }
        throw ValidationError("--today must be a date as YYYY-MM-DD, not '\(today)'")
    }

    /// The day given, or today's.
    var day: CalendarDate { today.flatMap(CalendarDate.init(iso:)) ?? .today() }
}
