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
        /// With a roster: what the HR export asks for that live does not have yet (a hire to
        /// create, a leaver to deactivate). Not the import's to describe, so not problems.
        var rosterChanges: [PlannedChange] = []

        public var holds: Bool { problems.isEmpty }
    }

    public static func check(
        files: [ConfigSourceFile], origin: String, draft: ImportDraft, live: LiveState, today: CalendarDate,
        export: ConfigSourceFile? = nil
    ) -> Result {
        var loaded = ConfigLoader.load(origin: origin, files: files)
        if let config = loaded.config, config.roster != nil, let export {
            let resolved = RosterResolver.resolve(config, export: export.bytes, path: export.path)
            loaded = ConfigLoader.Result(
                config: resolved.config, diagnostics: loaded.diagnostics + resolved.diagnostics)
        }
        var problems = draft.unwritable.map { "not written: \($0)" }
        guard let config = loaded.config else {
            let renderer = DiagnosticTextRenderer(colored: false)
            problems += loaded.diagnostics.filter(\.isError).map {
                "the written config does not load: " + renderer.render($0)
            }
            return Result(diagnostics: loaded.diagnostics, changes: [], problems: problems)
        }
        var plan = Planner.plan(config: config, live: live, policy: config.policy, today: today)
        // A hire, a leaver or a leave the export asks for is the roster's change, not the import's.
        let rosterChanges = plan.changes.filter { $0.source != nil && $0.action != .update }
        plan.changes.removeAll { $0.source != nil && $0.action != .update }
        problems += plan.changes.map { change in
            let fields = change.fields.map(\.name).joined(separator: ", ")
            return "\(change.action.rawValue) \(change.address)" + (fields.isEmpty ? "" : " (\(fields))")
        }
        problems += plan.findings.filter { $0.kind == .unmanagedAccount }.map {
            "left out: \($0.address): \($0.message)"
        }
        if !rosterChanges.isEmpty {
            plan.refusals = Planner.refusals(
                applying: plan.changes, config: config, live: live, policy: config.policy, today: today)
        }
        problems += plan.refusals.map { "refused: \($0.rule): \($0.message)" }
        return Result(
            diagnostics: loaded.diagnostics, changes: plan.changes, problems: problems, rosterChanges: rosterChanges)
    }
}
