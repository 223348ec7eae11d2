import Foundation
import RollcallCore

/// Stage **input** of `ApplyRun`: what apply was given, proven before the lock is taken or
/// anything live is read. A saved plan proves itself (`SavedPlan`) and must have been made
/// from the config as it is now; a config is refused when no one can approve its plan.
struct ApplyInput: Sendable {
    /// The saved plan, when apply was given one.
    var saved: PlanDocument?
    var configPath: String
    var loaded: LoadedConfig
    var config: Config { loaded.config }

    static func read(_ request: ApplyRun.Request) throws -> ApplyInput {
        let files = request.files
        try SavedPlan.requireReadable(request.input)
        let isPlan = SavedPlan.isPlan(request.input)
        guard isPlan || request.canApprove else {
            throw ApplyRun.Refused(
                message: "no terminal to ask for approval: pass --auto-approve, or apply a saved plan; "
                    + "nothing was read or applied")
        }
        let planKey = try PlanKey.from(request.environment)
        let saved =
            isPlan
            ? try SavedPlan.read(request.input, expectChecksum: request.expectChecksum, key: planKey, files: files)
            : nil
        let configPath = saved?.config.first ?? request.input
        let loaded = try LoadedConfig(path: configPath, excluding: request.source.inputFiles, files: files)
        if let saved, saved.configDigest != loaded.digest {
            let changed = saved.configFiles.map { ConfigDigest.differences(from: $0, to: loaded.files) } ?? []
            let which = changed.isEmpty ? "its digest differs" : changed.joined(separator: ", ")
            throw ApplyRun.Refused(
                message:
                    "the config at \(configPath) is not the one the plan was made from (\(which)); "
                    + "nothing was applied: make and review a new plan")
        }
        try loaded.config.checkPracticeKeys(request.practices)
        return ApplyInput(saved: saved, configPath: configPath, loaded: loaded)
    }

    /// The plan that was reviewed: the saved one, or the fresh plan sealed as `plan --out`
    /// would have written it, refused when a safety rule refuses it.
    func reviewed(fresh: Plan, read: ReadSummary) throws -> PlanDocument {
        if let saved { return saved }
        guard fresh.refusals.isEmpty else {
            throw ApplyRun.Refused(
                message: fresh.refusals.map { "refused by \($0.rule): \($0.message)" }.joined(separator: "\n"))
        }
        return try PlanDocument(
            plan: fresh, policy: config.policy, config: [configPath], configDigest: loaded.digest, read: read
        ).sealed()
    }
}
