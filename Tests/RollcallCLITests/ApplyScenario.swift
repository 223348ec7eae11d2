import Foundation

/// A copy of an example config and a sandbox state file made from its seed, in a scratch
/// directory: what a newcomer has after `rollcall sandbox init`, for apply tests to change.
struct ApplyScenario {
    let directory: URL
    var config: String { directory.appendingPathComponent("config").path }
    var state: String { directory.appendingPathComponent("state.json").path }
    var plan: String { directory.appendingPathComponent("plan.json").path }
    var audit: String { directory.appendingPathComponent("config/.rollcall/audit.jsonl").path }
    var journal: String { directory.appendingPathComponent("config/.rollcall/journal.jsonl").path }
    var lock: String { directory.appendingPathComponent("config/.rollcall/apply.lock").path }

    static let today = "2026-11-24"

    /// Runs `body` with `example`'s config copied and its seed made into a state file; removed after.
    static func with(_ example: String = "solo", _ body: (ApplyScenario) throws -> Void) throws {
        let scenario = try make(example)
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        try body(scenario)
    }

    /// The same, for an async test body.
    static func withAsync(_ example: String = "solo", _ body: (ApplyScenario) async throws -> Void) async throws {
        let scenario = try make(example)
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        try await body(scenario)
    }

    private static func make(_ example: String) throws -> ApplyScenario {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-apply-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scenario = ApplyScenario(directory: directory)
        let source = RollcallProcess.packageRoot.appendingPathComponent("examples/\(example)")
        try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: scenario.config))
        let seed = scenario.config + "/sandbox.yaml"
        let created = try RollcallProcess.run(["sandbox", "init", "--seed", seed, "--state", scenario.state])
        guard created.status == 0 else { throw ScenarioError(message: created.stderr) }
        try FileManager.default.removeItem(atPath: seed)
        return scenario
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RollcallProcess.Output {
        try RollcallProcess.run(arguments, environment: environment)
    }

    func savePlan(_ extra: [String] = []) throws -> RollcallProcess.Output {
        try run(["plan", config, "--sandbox", state, "--today", Self.today, "--out", plan] + extra)
    }

    func apply(_ target: String? = nil, _ extra: [String] = []) throws -> RollcallProcess.Output {
        try run(["apply", target ?? plan, "--sandbox", state, "--today", Self.today] + extra)
    }

    func replan() throws -> RollcallProcess.Output {
        try run(["plan", config, "--sandbox", state, "--today", Self.today, "--detailed-exitcode"])
    }

    /// The sandbox state as JSON.
    func liveState() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: state))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The athenaOne user records of the practice, in the state file's order.
    func userRecords(practice: String = "195900") throws -> [[String: Any]] {
        let athena = try liveState()["athena"] as? [String: Any]
        let practices = athena?["practices"] as? [String: Any]
        return (practices?[practice] as? [String: Any])?["users"] as? [[String: Any]] ?? []
    }

    /// The athenaOne users of the practice, by username.
    func users(practice: String = "195900") throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for user in try userRecords(practice: practice) {
            if let name = user["username"] as? String { result[name] = user }
        }
        return result
    }

    func usernames(practice: String = "195900") throws -> [String] {
        try userRecords(practice: practice).compactMap { $0["username"] as? String }
    }

    func memberEmails() throws -> [String] {
        let healthie = try liveState()["healthie"] as? [String: Any]
        return (healthie?["members"] as? [[String: Any]] ?? []).compactMap { ($0["email"] as? String)?.lowercased() }
    }

    /// Changes the state file as someone clicking in a console would, behind Rollcall's back.
    func editLive(_ change: (inout [String: Any]) -> Void) throws {
        var state = try liveState()
        change(&state)
        let data = try JSONSerialization.data(withJSONObject: state, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: state.isEmpty ? "" : self.state))
    }

    func editUser(_ username: String, practice: String = "195900", _ change: (inout [String: Any]) -> Void) throws {
        try editLive { state in
            var athena = state["athena"] as? [String: Any] ?? [:]
            var practices = athena["practices"] as? [String: Any] ?? [:]
            var record = practices[practice] as? [String: Any] ?? [:]
            var users = record["users"] as? [[String: Any]] ?? []
            for index in users.indices where users[index]["username"] as? String == username {
                change(&users[index])
            }
            record["users"] = users
            practices[practice] = record
            athena["practices"] = practices
            state["athena"] = athena
        }
    }

    /// Changes a Healthie member's record, by email, as a console would.
    func editMember(_ email: String, _ change: (inout [String: Any]) -> Void) throws {
        try editLive { state in
            var healthie = state["healthie"] as? [String: Any] ?? [:]
            var members = healthie["members"] as? [[String: Any]] ?? []
            for index in members.indices where (members[index]["email"] as? String)?.lowercased() == email {
                change(&members[index])
            }
            healthie["members"] = members
            state["healthie"] = healthie
        }
    }

    func auditLines() throws -> [String] {
        try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
