/// `rollcall doctor` for a terminal: the checks grouped by area, one line each with ✔, ✘ or
/// –, and under a failed or skipped one what was found and what to do.
public struct DoctorTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func render(_ report: DoctorReport) -> String {
        var out = "rollcall doctor \(safe(report.config)) (\(safe(report.source)))\n"
        var area: String?
        for check in report.checks {
            if check.area != area {
                out += "\n\(check.area)\n"
                area = check.area
            }
            switch check.status {
            case .passed:
                out += "  \(paint("✔", "32")) \(safe(check.name))"
                out += check.detail.map { ": \(safe($0))" } ?? ""
                out += "\n"
            case .failed:
                out += "  \(paint("✘", "31")) \(safe(check.name))\n"
                if let detail = check.detail { out += "      found: \(safe(detail))\n" }
                if let fix = check.fix { out += "      do:    \(safe(fix))\n" }
            case .skipped:
                out += "  – \(safe(check.name)): not checked, \(safe(check.detail ?? "skipped"))\n"
            }
        }
        let failures = report.failures
        out +=
            failures == 0
            ? "\nEverything checked holds: a plan can read what it needs.\n"
            : "\n\(counted(failures, "check")) failed; fix \(failures == 1 ? "it" : "them") and run doctor again.\n"
        return out
    }

    private func safe(_ text: String) -> String {
        TerminalText.escaped(text, keepingLineBreaks: false)
    }

    private func paint(_ text: String, _ code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}
