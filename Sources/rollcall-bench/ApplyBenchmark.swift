import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox

/// Apply throughput: about a thousand mixed changes (creates, renames and department
/// moves, reactivations, deactivations of hand-made accounts, Healthie flag updates)
/// applied to the sandbox under a rate limit of 50 requests a second and 20 ms on every
/// answer. Reports requests per change against the minimum each kind needs (a create:
/// the POST and a read-back; an athenaOne update: a read, the PUT and a read-back; a
/// Healthie update: a read and the mutation, whose answer is the read-back), the
/// writes' requests a second as a share of the limit, and failures.
enum ApplyBenchmark {
    static let requestsPerSecond = 50.0

    static func run(in directory: URL) async throws -> Row {
        let clinic = SyntheticClinic(practices: 4, usersPerPractice: 1_250)
        let config = directory.appendingPathComponent("apply-clinic.yaml")
        let state = directory.appendingPathComponent("apply-state.json")
        let yaml = clinic.configYAML().replacingOccurrences(of: "unmanaged: report", with: "unmanaged: deactivate")
        try Data(yaml.utf8).write(to: config)
        var sandbox = clinic.sandbox(drift: 0.2)
        var flipped = 0
        for index in sandbox.healthie.members.indices where sandbox.healthie.members[index].isProvider {
            guard flipped < 200 else { break }
            sandbox.healthie.members[index].permissions["can_view_labs"] = false
            flipped += 1
        }
        try sandbox.encodedJSON().write(to: state)
        let faults = SandboxFaults(
            rateLimit: .init(requestsPerSecond: requestsPerSecond, burst: 10), latency: .milliseconds(20))
        let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch
        let source = LiveSource.sandbox(path: state.path, faults: faults)

        let planned = try await PlanRun.run(PlanRun.Request(path: config.path, source: source, today: today))
        let readSeconds = planned.document.read?.seconds ?? 0

        var request = ApplyRun.Request(input: config.path, source: source, today: today, environment: [:])
        request.auditLog = directory.appendingPathComponent("apply-audit/audit.jsonl").path
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try await ApplyRun.run(
            request, observer: ApplyRun.Observer(confirm: { _ in true }, changed: { _ in }))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        var requests = 0
        var minimum = 0
        var athenaAccepted = 0
        for change in report.changes where change.outcome == .applied {
            requests += change.requestIDs.count
            minimum += minimumRequests(change)
            if change.system == .athena { athenaAccepted += minimumRequests(change) }
        }
        let applied = report.changes.filter { $0.outcome == .applied }.count
        let unapplied = report.changes.filter { $0.outcome != .applied }
        let failures = unapplied.count
        for change in unapplied.prefix(5) {
            print("apply bench: \(change.address) \(change.outcome.rawValue): \(change.detail ?? "")")
        }
        // The apply reads everything twice (before and after the writes); the rest of its time is
        // writing. Each simulator has its own limit; athenaOne carries most of the writes.
        let writeSeconds = max(0.001, seconds - 2 * readSeconds)
        let athenaRate = Double(athenaAccepted) / writeSeconds
        return Row(
            name: "apply vs sandbox, 50 requests/s limit, 20 ms latency",
            size: "\(applied) changes (\(report.summary.created) created, \(report.summary.updated) updated, "
                + "\(report.summary.reactivated) reactivated, \(report.summary.deactivated) deactivated)",
            seconds: seconds,
            note:
                "\(requests) write requests (minimum \(minimum), so \(requests - minimum) retried after a 429); "
                + "athenaOne accepted " + String(format: "%.1f", athenaRate) + " requests/s while writing, "
                + String(format: "%.2f", athenaRate / requestsPerSecond) + " of its limit; "
                + "\(failures) not applied; converged: \(report.converged.map(String.init) ?? "n/a")")
    }

    static func minimumRequests(_ change: ApplyReport.ChangeResult) -> Int {
        switch (change.system, change.action) {
        case (.athena, .create): 2
        case (.athena, _): 3
        case (.healthie, .create): 3
        case (.healthie, _): 2
        }
    }
}
