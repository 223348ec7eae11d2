import Foundation
import Rollcall
import RollcallCore
import RollcallTestSupport
import Sandbox

/// Import of the benchmark tenant (20 practices x 2,500 users, 5,000 Healthie members,
/// 1% drifted, 20 ms on every answer): requests against the least a read can make,
/// and the time to infer, to emit, and to plan the written config (the round trip),
/// with the size of what was written. The round trip must hold.
enum ImportBenchmark {
    static func run(in directory: URL) async throws -> Row {
        let tenant = try BenchmarkTenant(in: directory, prefix: "import-")
        let sandbox = tenant.sandbox
        let latency = BenchmarkTenant.latency
        let out = directory.appendingPathComponent("import")
        let request = ImportRun.Request(
            out: out.path, source: tenant.source, systems: ImportSources(), today: BenchmarkTenant.today,
            schemaReference: "rollcall.schema.json")
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = try await ImportRun.run(request)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var emails = Set(sandbox.healthie.members.map { $0.email.lowercased() })
        for practice in sandbox.athena.practices.values {
            for user in practice.users { if let email = user.email { emails.insert(email.lowercased()) } }
        }
        let budget = PlanBenchmarkBudget(
            state: sandbox, staffEmails: emails.count, managedFlags: HealthiePermission.names.count, latency: latency)
        var bytes = 0
        for path in outcome.written {
            bytes += (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        let timings = outcome.timings
        let verdict =
            outcome.roundTrip.holds
            ? "round trip: 0 changes" : "ROUND TRIP FAILED: \(outcome.roundTrip.problems.prefix(3))"
        return Row(
            name: "import vs sandbox, \(BenchmarkTenant.latencyLabel)",
            size: "20 x 2,500 users + \(outcome.read.healthieMembers ?? 0) members",
            seconds: seconds,
            note:
                "\(outcome.read.requests) requests (minimum \(budget.minimumRequests)); read "
                + "\(String(format: "%.2f", outcome.read.seconds)) s, infer \(String(format: "%.2f", timings.infer)) s, "
                + "emit \(String(format: "%.2f", timings.emit)) s, round-trip plan "
                + "\(String(format: "%.2f", timings.roundTrip)) s; \(outcome.draft.staff.count) entries, "
                + "\(outcome.draft.roles.count) roles, \(bytes / 1024) KiB written; \(verdict)")
    }
}
