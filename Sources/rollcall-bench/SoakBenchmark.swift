import Foundation
import RollcallCore
import RollcallTestSupport
import Sandbox

/// The soak: 10,000 athenaOne changes applied by the `rollcall` binary against the sandbox
/// with 10% of answers 429, 2% 503 and 5% dropped after the write, tokens that live 30
/// seconds (under athena's production limit of 50 token requests a minute), and the
/// process killed (`SIGKILL`) at random points and started again until an apply finishes.
/// Counted from the sandbox's own state and request log: duplicate accounts, fields
/// cleared that no change named, writes made twice, and audit lines missing or broken.
enum SoakBenchmark {
    struct Counts {
        var runs = 0
        var kills = 0
        var writes = 0
        var duplicates = 0
        var clearedFields = 0
        var writtenTwice = 0
        var auditBroken = 0
        var auditMissing = 0
        var leftToPlan = -1
    }

    static func run(in directory: URL, binary: URL, seed: UInt64 = 7) async throws -> Row {
        let clinic = SyntheticClinic(practices: 4, usersPerPractice: 2_500)
        let initial = drifted(clinic.sandbox(drift: 0))
        let store = SandboxStore(state: initial)
        let server = try SandboxServer(
            store: store, athena: AthenaOptions(tokenLifetime: 30, tokenRequestsPerMinute: 50),
            faults: SandboxFaults(seed: seed, throttleRate: 0.10, serverErrorRate: 0.02, dropResponseRate: 0.05))
        let start = DispatchTime.now().uptimeNanoseconds
        let counts = try await server.run { endpoints in
            try await soak(
                clinic: clinic, initial: initial, store: store, endpoints: endpoints, directory: directory,
                binary: binary, seed: seed)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard let counts else { throw BenchError(message: "the sandbox stopped during the soak") }
        return Row(
            name: "soak: apply killed at random, 10% 429, 2% 503, 5% dropped, 30 s tokens",
            size: "10,000 changes, \(counts.writes) writes",
            seconds: seconds,
            note:
                "\(counts.runs) runs, \(counts.kills) killed; duplicate accounts \(counts.duplicates), "
                + "fields cleared \(counts.clearedFields), writes made twice \(counts.writtenTwice), "
                + "audit lines missing \(counts.auditMissing), chain broken \(counts.auditBroken); "
                + "changes left to plan \(counts.leftToPlan)")
    }

    /// Every account drifts: a fifth missing, six tenths renamed or moved, a tenth deactivated.
    static func drifted(_ state: SandboxState) -> SandboxState {
        var state = state
        for key in state.athena.practices.keys {
            guard var practice = state.athena.practices[key] else { continue }
            practice.users = practice.users.compactMap { user in
                guard user.username != "apiuser" else { return user }
                var user = user
                switch (user.userid - 100_000) % 10 {
                case 0, 1: return nil
                case 8: user.active = false
                case 9: user.departmentids = [user.departmentids.first.map { $0 % 4 + 1 } ?? 1]
                default: user.lastname = "Old" + user.lastname
                }
                return user
            }
            state.athena.practices[key] = practice
        }
        return state
    }

    private static func soak(
        clinic: SyntheticClinic, initial: SandboxState, store: SandboxStore, endpoints: SandboxEndpoints,
        directory: URL, binary: URL, seed: UInt64
    ) async throws -> Counts {
        let folder = directory.appendingPathComponent("soak")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("clinic.yaml")
        let yaml = clinic.configYAML()
            .replacingOccurrences(of: "  athena:\n", with: "  athena:\n    base_url: \(endpoints.athenaBaseURL)\n")
            .replacingOccurrences(
                of: "  healthie: { organization_id:",
                with: "  healthie: { base_url: \"\(endpoints.healthieURL)\", organization_id:"
            )
            .replacingOccurrences(of: "max_deactivations: \"5%\"", with: "max_deactivations: \"50%\"")
        try Data(yaml.utf8).write(to: config)
        let environment = [
            "ATHENA_CLIENT_ID": endpoints.athenaClient?.id ?? "",
            "ATHENA_CLIENT_SECRET": endpoints.athenaClient?.secret ?? "",
            "HEALTHIE_API_KEY": endpoints.healthieAPIKey ?? "",
        ]
        let plan = folder.appendingPathComponent("plan.json").path
        let audit = folder.appendingPathComponent("audit/audit.jsonl").path
        let today = "2026-11-24"
        guard try await launch(binary, ["plan", config.path, "--today", today, "--out", plan], environment).status == 0
        else { throw BenchError(message: "the soak's plan failed") }
        await store.clearRequestLog()
        var counts = Counts()
        var random = SeededGenerator(seed: seed)
        for attempt in 0..<40 {
            counts.runs += 1
            let killAfter: Double? = attempt < 5 ? 2 + 8 * random.unit() : nil
            let result = try await launch(
                binary, ["apply", plan, "--today", today, "--audit-log", audit], environment, killAfter: killAfter)
            if result.killed { counts.kills += 1 }
            if result.status == 0 { break }
        }
        let final = await store.state
        let log = await store.requestLog
        counts.writes = log.filter { $0.wrote }.count
        for practice in final.athena.practices.values {
            let names = practice.users.map { $0.username.lowercased() }
            counts.duplicates += names.count - Set(names).count
        }
        counts.clearedFields = cleared(initial: initial, final: final)
        var seen: Set<String> = []
        for write in log where write.wrote && write.system == .athena {
            let key = write.method + " " + write.path + " " + write.body
            if !seen.insert(key).inserted { counts.writtenTwice += 1 }
        }
        let lines = (try? String(contentsOfFile: audit, encoding: .utf8)) ?? ""
        if case .broken = AuditChain(key: nil).verify(lines) { counts.auditBroken = 1 }
        let audited = auditedChanges(lines)
        let document = try JSONDecoder().decode(PlanDocument.self, from: Data(contentsOf: URL(fileURLWithPath: plan)))
        counts.auditMissing = document.changes.filter { !audited.contains($0.id) }.count
        let again = try await launch(binary, ["plan", config.path, "--today", today, "--format", "json"], environment)
        if let data = again.stdout.data(using: .utf8),
            let replanned = try? JSONDecoder().decode(PlanDocument.self, from: data)
        {
            counts.leftToPlan = replanned.changes.count
        }
        return counts
    }

    /// Fields of accounts that existed before, that differ now although no change named them:
    /// the harm a full PUT does when a field is left out.
    static func cleared(initial: SandboxState, final: SandboxState) -> Int {
        var count = 0
        for (key, practice) in initial.athena.practices {
            let after = Dictionary(
                (final.athena.practices[key]?.users ?? []).map { ($0.userid, $0) }, uniquingKeysWith: { a, _ in a })
            for user in practice.users {
                guard let now = after[user.userid] else {
                    count += 1
                    continue
                }
                if now.email != user.email { count += 1 }
                if now.npi != user.npi { count += 1 }
                if now.providerid != user.providerid { count += 1 }
                if now.schedulingname != user.schedulingname { count += 1 }
                if now.supervisingproviderid != user.supervisingproviderid { count += 1 }
                if now.firstname != user.firstname { count += 1 }
                if now.usertype != user.usertype { count += 1 }
            }
        }
        return count
    }

    /// Change ids with an audit line saying they were applied, or settled as applied after a crash.
    static func auditedChanges(_ text: String) -> Set<String> {
        var ids: Set<String> = []
        for line in text.split(separator: "\n") {
            guard let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(line.utf8)) else { continue }
            if entry.outcome == .applied || (entry.outcome == .resolved && entry.verified == true) {
                ids.insert(entry.changeID)
            }
        }
        return ids
    }

    struct Launched {
        var status: Int32
        var killed: Bool
        var stdout: String
    }

    /// Runs the binary; with `killAfter`, sends it SIGKILL after that many seconds if it is still running.
    static func launch(
        _ binary: URL, _ arguments: [String], _ environment: [String: String], killAfter: Double? = nil
    ) async throws -> Launched {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        var killed = false
        if let killAfter {
            let deadline = Date().addingTimeInterval(killAfter)
            while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        let data = await reader.value
        return Launched(
            status: process.terminationStatus, killed: killed, stdout: String(decoding: data, as: UTF8.self))
    }
}

struct BenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
