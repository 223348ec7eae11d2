import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox

/// The benchmark tenant the plan, drift and import cases share: 20 practices x 2,500
/// users and 5,000 Healthie members, 1% drifted, written as a config and a sandbox state,
/// served with 20 ms added to every answer (`ROLLCALL_BENCH_LATENCY_MS` sets another: at 0 the
/// read shows what of it is CPU, not waiting).
struct BenchmarkTenant {
    static let latencyMilliseconds =
        ProcessInfo.processInfo.environment["ROLLCALL_BENCH_LATENCY_MS"].flatMap { Int($0) } ?? 20
    static let latency = Duration.milliseconds(latencyMilliseconds)
    /// "20 ms latency", as the rows name it.
    static let latencyLabel = "\(latencyMilliseconds) ms latency"
    static let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch

    let clinic = SyntheticClinic(practices: 20, usersPerPractice: 2_500)
    let sandbox: SandboxState
    let configFile: URL
    let stateFile: URL

    /// Writes the tenant's files into `directory`, their names starting with `prefix`.
    init(in directory: URL, prefix: String) throws {
        sandbox = clinic.sandbox(drift: 0.01)
        configFile = directory.appendingPathComponent("\(prefix)clinic.yaml")
        stateFile = directory.appendingPathComponent("\(prefix)state.json")
        try Data(clinic.configYAML().utf8).write(to: configFile)
        try sandbox.encodedJSON().write(to: stateFile)
    }

    var source: LiveSource { .sandbox(path: stateFile.path, faults: SandboxFaults(latency: Self.latency)) }
}
