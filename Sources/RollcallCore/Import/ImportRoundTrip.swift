/// The promise `rollcall import` keeps, checked: its files load with the strict loader
/// and plan to nothing against the live state they were made from, and no live account
/// is left out of them.
public enum ImportRoundTrip {
    public struct Result: Sendable {
        /// What the files' own load reported (errors make the round trip fail).
        public var diagnostics: [Diagnostic]
        /// Changes a plan from the files would make: none when the round trip holds.
        public var changes: [PlannedChange]
        /// Each record that did not round-trip, as a reviewer reads it.
        public var problems: [String]

        public var holds: Bool { problems.isEmpty }
    }

    public static func check(
        files: [ConfigSourceFile], origin: String, draft: ImportDraft, live: LiveState, today: CalendarDate
    ) -> Result {
        let loaded = ConfigLoader.load(origin: origin, files: files)
        var problems = draft.unwritable.map { "not written: \($0)" }
        guard let config = loaded.config else {
            let renderer = DiagnosticTextRenderer(colored: false)
            problems += loaded.diagnostics.filter(\.isError).map {
                "the written config does not load: " + renderer.render($0)
            }
            return Result(diagnostics: loaded.diagnostics, changes: [], problems: problems)
        }
        let plan = Planner.plan(config: config, live: live, policy: config.policy, today: today)
        problems += plan.changes.map { change in
            let fields = change.fields.map(\.name).joined(separator: ", ")
            return "\(change.action.rawValue) \(change.address)" + (fields.isEmpty ? "" : " (\(fields))")
        }
        problems += plan.findings.filter { $0.kind == .unmanagedAccount }.map {
            "left out: \($0.address): \($0.message)"
        }
        problems += plan.refusals.map { "refused: \($0.rule): \($0.message)" }
        return Result(diagnostics: loaded.diagnostics, changes: plan.changes, problems: problems)
    }
}
