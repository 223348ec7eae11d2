import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

/// `--today`, shared by every command that decides what has expired. Without it the day is
/// `ROLLCALL_TODAY` when that is set (a reproducible CI run, a documentation check), else today's.
struct DayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Work as of this day instead of today, for expiries (default: ROLLCALL_TODAY when set).",
            valueName: "YYYY-MM-DD"))
    var today: String?

    static let environmentName = "ROLLCALL_TODAY"

    func validate() throws {
        if let today { try Self.check(today, name: "--today") }
        if today == nil, let fixed = ProcessInfo.processInfo.environment[Self.environmentName] {
            try Self.check(fixed, name: Self.environmentName)
        }
    }

    static func check(_ text: String, name: String) throws {
        guard CalendarDate(iso: text) == nil else { return }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) }
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
        if wellFormed {
            throw ValidationError("\(name) \(text) is written as YYYY-MM-DD, but there is no such day")
        }
        throw ValidationError("\(name) must be a date as YYYY-MM-DD, not '\(text)'")
    }

    /// The day given, or `ROLLCALL_TODAY`'s, or today's.
    var day: CalendarDate {
        (today ?? ProcessInfo.processInfo.environment[Self.environmentName]).flatMap(CalendarDate.init(iso:))
            ?? .today()
    }
}
