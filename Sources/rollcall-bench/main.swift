import Foundation
import Rollcall
import RollcallCore
import RollcallTestSupport

/// `swift run -c release rollcall-bench`: measures, never asserts. Prints one row a case.
struct Row {
    var name: String
    var size: String
    var seconds: Double
    var note: String
}

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
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return kilobytes / 1024
    }
    return 0
}

var rows: [Row] = []
let staffCount = 50_000
let yaml = SyntheticConfig.yaml(staffCount: staffCount, practices: 5)
let bytes = Array(yaml.utf8)

let parseSeconds = measure(3) { _ = YAMLParser.parse(bytes, file: "bench.yaml") }
rows.append(
    Row(
        name: "YAML parse (libyaml events → nodes)", size: "\(staffCount) staff, \(bytes.count / 1024) KiB",
        seconds: parseSeconds, note: ""))

var staffLoaded = 0
var firstProblem = ""
let loadSeconds = measure(3) {
    let result = ConfigLoader.load(origin: "bench.yaml", files: [ConfigSourceFile(path: "bench.yaml", bytes: bytes)])
    staffLoaded = result.config?.staff.count ?? -1
    firstProblem = result.diagnostics.first.map { "first problem: \($0.message)" } ?? ""
}
if !firstProblem.isEmpty { print(firstProblem) }
rows.append(
    Row(
        name: "config load + validate (in memory)", size: "\(staffCount) staff", seconds: loadSeconds,
        note: "\(staffLoaded) staff loaded"))

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let file = directory.appendingPathComponent("staff.yaml")
try Data(bytes).write(to: file)
var valid = false
let validateSeconds = measure(3) { valid = Validation.run(paths: [file.path]).isValid }
rows.append(
    Row(
        name: "rollcall validate (file read + load)", size: "\(staffCount) staff", seconds: validateSeconds,
        note: valid ? "valid" : "INVALID"))

/// The `rollcall` binary built beside this one, run as a user would: process start, file read, load.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
    "rollcall")
if FileManager.default.isExecutableFile(atPath: binary.path) {
    var status: Int32 = -1
    let processSeconds = try measure(3) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["validate", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
    }
    rows.append(
        Row(
            name: "`rollcall validate FILE` as a process", size: "\(staffCount) staff", seconds: processSeconds,
            note: "exit \(status)"))
}

print("rollcall-bench (best of 3; peak memory of this process \(String(format: "%.0f", peakMemoryMiB())) MiB)")
print("| case | size | seconds | note |")
print("| --- | --- | ---: | --- |")
for row in rows {
    print("| \(row.name) | \(row.size) | \(String(format: "%.3f", row.seconds)) | \(row.note) |")
}
