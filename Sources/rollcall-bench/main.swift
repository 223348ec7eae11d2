import Foundation
import Rollcall
import RollcallCore
import RollcallTestSupport
import Sandbox

/// `swift run -c release rollcall-bench`: measures, never asserts. Prints one row a case.
struct Row {
    var name: String
    var size: String
    var seconds: Double
    var note: String
}

/// How often `measure` runs a body (the best run counts): 3, or `ROLLCALL_BENCH_REPEATS`
/// (`scripts/instructions` sets 1, so callgrind counts one run).
let repeats = ProcessInfo.processInfo.environment["ROLLCALL_BENCH_REPEATS"].flatMap { Int($0) }.map { max(1, $0) } ?? 3

func measure(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Peak resident memory of this process so far (VmHWM), in MiB; 0 where /proc is absent.
func peakMemoryMiB() -> Double {
    (ChildPeakMemory.highWaterKilobytes(of: "self") ?? 0) / 1024
}

/// `rollcall-bench [--only CASE]...`: every case, or the ones named.
let cases = [
    "config", "diff", "render", "plan", "plan-client", "drift", "import", "apply", "soak", "roster", "roster-read",
]
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(
        """
        USAGE: rollcall-bench [--only CASE]...
               rollcall-bench --write-config STAFF FILE

        Measures Rollcall's speed and memory and prints a table; asserts nothing.
        Build it in release mode: swift run -c release rollcall-bench

        CASES:
          config  YAML parse, config load and validate, `rollcall validate` as a process (50,000 staff)
          diff    the pure planner: 100,000 desired accounts against 100,000 live ones
          render  drift of the plan case's clinic detected and rendered in each format, in memory, and the HTML
                  opened in headless Chromium (ROLLCALL_BENCH_OPEN_HTML=0 leaves that out, for callgrind)
          plan    a full plan against the sandbox over loopback (20 x 2,500 users, 5,000 members, 20 ms)
          plan-client  the same plan by the `rollcall` binary, the simulators served by another process: its peak memory
          drift   drift of the plan case's tenant: requests, each format's render, the HTML in Chromium
          import  import of the plan case's tenant: requests, infer, emit, round-trip plan, size
          apply   about a thousand mixed changes applied under a 50 requests/s limit and 20 ms latency
          soak    10,000 changes applied through faults, the process killed at random and restarted
          roster  a 50,000-row HR export resolved, against a CSV library's bare parse; the plan case's tenant from an export
          roster-read  the roster case's export read and resolved only, no network (for callgrind)

        --write-config STAFF FILE writes the config case's synthetic config of STAFF people to FILE
        (what scripts/instructions validates). ROLLCALL_BENCH_REPEATS=N runs each timed body N times.
        ROLLCALL_BENCH_LATENCY_MS=N serves the plan, plan-client, drift and import tenant with N ms
        added to every answer instead of 20 (0 shows what of the read is CPU, not waiting).
        """)
    exit(0)
}
if arguments.first == "--write-config" {
    guard arguments.count == 3, let staff = Int(arguments[1]), staff > 0 else {
        print("rollcall-bench: error: --write-config takes a number of staff and a file")
        exit(1)
    }
    try Data(SyntheticConfig.yaml(staffCount: staff, practices: 5).utf8).write(
        to: URL(fileURLWithPath: arguments[2]))
    exit(0)
}
/// The cases `--only` names; every case when it names none.
func selectedCases(_ arguments: [String]) -> Set<String> {
    var only: Set<String> = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        guard argument == "--only", let name = remaining.popFirst() else {
            print("rollcall-bench: error: unknown argument '\(argument)'; see --help")
            exit(1)
        }
        guard cases.contains(name) else {
            print("rollcall-bench: error: no case '\(name)'; the cases are \(cases.joined(separator: ", "))")
            exit(1)
        }
        only.insert(name)
    }
    return only.isEmpty ? Set(cases) : only
}
let only = selectedCases(arguments)
func wants(_ name: String) -> Bool { only.contains(name) }

var rows: [Row] = []
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
if wants("config") {
    let staffCount = 50_000
    let yaml = SyntheticConfig.yaml(staffCount: staffCount, practices: 5)
    let bytes = Array(yaml.utf8)

    let parseSeconds = measure(repeats) { _ = YAMLParser.parse(bytes, file: "bench.yaml") }
    rows.append(
        Row(
            name: "YAML parse (libyaml events → nodes)", size: "\(staffCount) staff, \(bytes.count / 1024) KiB",
            seconds: parseSeconds, note: ""))

    var staffLoaded = 0
    var firstProblem = ""
    let loadSeconds = measure(repeats) {
        let result = ConfigLoader.load(
            origin: "bench.yaml", files: [ConfigSourceFile(path: "bench.yaml", bytes: bytes)])
        staffLoaded = result.config?.staff.count ?? -1
        firstProblem = result.diagnostics.first.map { "first problem: \($0.message)" } ?? ""
    }
    if !firstProblem.isEmpty { print(firstProblem) }
    rows.append(
        Row(
            name: "config load + validate (in memory)", size: "\(staffCount) staff", seconds: loadSeconds,
            note: "\(staffLoaded) staff loaded"))

    let file = directory.appendingPathComponent("staff.yaml")
    try Data(bytes).write(to: file)
    var valid = false
    let validateSeconds = measure(repeats) { valid = Validation.run(paths: [file.path]).isValid }
    rows.append(
        Row(
            name: "rollcall validate (file read + load)", size: "\(staffCount) staff", seconds: validateSeconds,
            note: valid ? "valid" : "INVALID"))

    /// The `rollcall` binary built beside this one, run as a user would: process start, file read, load.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "rollcall")
    if FileManager.default.isExecutableFile(atPath: binary.path) {
        var status: Int32 = -1
        var peak = 0.0
        let processSeconds = try measure(repeats) {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["validate", file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let sampler = ChildPeakMemory(pid: process.processIdentifier)
            process.waitUntilExit()
            peak = max(peak, sampler.stop())
            status = process.terminationStatus
        }
        rows.append(
            Row(
                name: "`rollcall validate FILE` as a process", size: "\(staffCount) staff", seconds: processSeconds,
                note: "exit \(status); peak memory \(String(format: "%.0f", peak)) MiB"))
    }

}
// The pure diff: 100,000 desired accounts against 100,000 live ones, 1% drifting.
if wants("diff") {
    let diffClinic = SyntheticClinic(practices: 20, usersPerPractice: 5_000)
    let diffYAML = Array(diffClinic.configYAML().utf8)
    let diffConfig = ConfigLoader.load(
        origin: "diff.yaml", files: [ConfigSourceFile(path: "diff.yaml", bytes: diffYAML)]
    ).config
    let diffLive = diffClinic.live(drift: 0.01)
    let memoryBeforeDiff = peakMemoryMiB()
    var diffChanges = 0
    if let diffConfig {
        let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch
        let diffSeconds = measure(repeats) {
            diffChanges =
                Planner.plan(config: diffConfig, live: diffLive, policy: diffConfig.policy, today: today)
                .changes.count
        }
        rows.append(
            Row(
                name: "pure diff (Planner.plan)",
                size: "\(diffClinic.staffCount) desired vs \(diffLive.athena.reduce(0) { $0 + $1.users.count }) live",
                seconds: diffSeconds,
                note:
                    "\(diffChanges) changes; peak memory \(String(format: "%.0f", peakMemoryMiB())) MiB (was \(String(format: "%.0f", memoryBeforeDiff)) before)"
            ))
    } else {
        print("the diff config did not load")
    }

}
// A full plan against the sandbox over loopback: 20 practices x 2,500 users and 5,000 Healthie
// members, 20 ms added to every answer. Compared with the fewest requests a read can make and
// with the wall time those requests need at that latency.
if wants("plan") {
    let tenant = try BenchmarkTenant(in: directory, prefix: "plan-")
    let planClinic = tenant.clinic
    let sandboxState = tenant.sandbox
    let latency = BenchmarkTenant.latency
    let request = PlanRun.Request(path: tenant.configFile.path, source: tenant.source, today: BenchmarkTenant.today)
    let planStart = DispatchTime.now().uptimeNanoseconds
    let outcome = try await PlanRun.run(request)
    let planSeconds = Double(DispatchTime.now().uptimeNanoseconds - planStart) / 1e9
    let read = outcome.document.read ?? ReadSummary()
    let budget = PlanBenchmarkBudget(
        state: sandboxState, staffEmails: planClinic.staffCount,
        managedFlags: SyntheticClinic.physicianPermissions.count, latency: latency)
    rows.append(
        Row(
            name: "full plan vs sandbox, \(BenchmarkTenant.latencyLabel)",
            size: "20 x 2,500 users + \(read.healthieMembers ?? 0) members",
            seconds: planSeconds,
            note:
                "\(read.requests) requests (minimum \(budget.minimumRequests)), \(read.retries) retries; "
                + "read \(String(format: "%.2f", read.seconds)) s against an ideal at \(BenchmarkTenant.latencyLabel) of "
                + "\(String(format: "%.2f", budget.idealSeconds)) s; \(outcome.document.changes.count) changes"
        ))

}
if wants("plan-client") {
    let rollcall = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("rollcall")
    rows.append(try ClientMemoryBenchmark.run(in: directory, binary: rollcall))
}
if wants("render") {
    let page =
        ProcessInfo.processInfo.environment["ROLLCALL_BENCH_OPEN_HTML"] == "0"
        ? nil : directory.appendingPathComponent("render-review.html")
    rows += try RenderBenchmark.run(page: page)
}
if wants("drift") { rows += try await DriftBenchmark.run(in: directory) }
if wants("import") { rows.append(try await ImportBenchmark.run(in: directory)) }
if wants("apply") { rows.append(try await ApplyBenchmark.run(in: directory)) }
if wants("roster-read"), !wants("roster") { rows += RosterBenchmark.run() }
if wants("roster") {
    rows += RosterBenchmark.run()
    rows += try await RosterBenchmark.tenantPlans(in: directory)
}
if wants("soak") {
    let rollcall = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("rollcall")
    rows.append(try await SoakBenchmark.run(in: directory, binary: rollcall))
}

print("rollcall-bench (best of \(repeats); peak memory of this process \(String(format: "%.0f", peakMemoryMiB())) MiB)")
print("| case | size | seconds | note |")
print("| --- | --- | ---: | --- |")
for row in rows {
    print("| \(row.name) | \(row.size) | \(String(format: "%.3f", row.seconds)) | \(row.note) |")
}
