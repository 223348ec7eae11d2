import ArgumentParser
import Rollcall
import RollcallCore

/// `--now`: an instant given instead of the clock, for a report that must read the same
/// tomorrow. Each command declares the option with its own help; this checks and reads it.
enum NowOption {
    static func validate(_ text: String?) throws {
        guard let text, Timestamp(iso: text) == nil else { return }
        throw ValidationError(
            "--now must be an ISO 8601 time with its offset, such as 2026-12-07T09:00:00Z, not '\(text)'")
    }

    /// The instant given, or the clock's.
    static func instant(_ text: String?) -> Timestamp {
        text.flatMap(Timestamp.init(iso:)) ?? .now()
    }
}
