import ArgumentParser
import Rollcall
import RollcallCore

/// `--today`, shared by every command that decides what has expired.
struct DayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Work as of this day instead of today, for expiries.", valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil {
            throw ValidationError("--today must be a date as YYYY-MM-DD, not '\(today)'")
        }
    }

    /// The day given, or today's.
    var day: CalendarDate { today.flatMap(CalendarDate.init(iso:)) ?? .today() }
}
