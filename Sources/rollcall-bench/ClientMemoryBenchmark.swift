import Foundation

/// The plan case's tenant planned by the `rollcall` binary against `rollcall sandbox serve` in
/// another process (20 ms on every answer), so the peak memory measured is the client's alone:
/// the simulators' 50,000-user state lives in the server process.
enum ClientMemoryBenchmark {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(in directory: URL, binary: URL) throws -> Row {
        let tenant = try BenchmarkTenant(in: directory, prefix: "client-")
        let server = Process()
        server.executableURL = binary
        server.arguments = [
            "sandbox", "serve", "--state", tenant.stateFile.path, "--format", "json", "--latency-ms",
            "\(BenchmarkTenant.latencyMilliseconds)",
        ]
        let serverOutput = Pipe()
        server.standardOutput = serverOutput
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.interrupt()
            server.waitUntilExit()
        }
        let line = readLine(serverOutput.fileHandleForReading)
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
            let athena = object["athena_base_url"], let healthie = object["healthie_url"]
        else { throw Failed(description: "sandbox serve printed no endpoints: \(line)") }
        let config = try String(contentsOf: tenant.configFile, encoding: .utf8)
            .replacingOccurrences(of: "  athena:\n", with: "  athena:\n    base_url: \(athena)\n")
            .replacingOccurrences(
                of: "  healthie: { organization_id:", with: "  healthie: { base_url: \"\(healthie)\", organization_id:")
        let configFile = directory.appendingPathComponent("client-served.yaml")
        try Data(config.utf8).write(to: configFile)

        let plan = Process()
        plan.executableURL = binary
        plan.arguments = ["plan", configFile.path, "--format", "json"]
        plan.environment = ProcessInfo.processInfo.environment.merging([
            "ATHENA_CLIENT_ID": object["athena_client_id"] ?? "",
            "ATHENA_CLIENT_SECRET": object["athena_client_secret"] ?? "",
            "HEALTHIE_API_KEY": object["healthie_api_key"] ?? "",
        ]) { _, new in new }
        let planOutput = Pipe()
        plan.standardOutput = planOutput
        plan.standardError = FileHandle.nullDevice
        let serverCPUBefore = cpuSeconds(of: server.processIdentifier)
        let start = DispatchTime.now().uptimeNanoseconds
        try plan.run()
        let sampler = ChildPeakMemory(pid: plan.processIdentifier)
        let document = planOutput.fileHandleForReading.readDataToEndOfFile()
        plan.waitUntilExit()
        let peak = sampler.stop()
        let serverCPU = cpuSeconds(of: server.processIdentifier).flatMap { after in serverCPUBefore.map { after - $0 } }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The CPU time of the children reaped so far, the plan alone (the server still runs): what
        // of the read is not waiting, beside its wall time.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let read =
            ((try? JSONSerialization.jsonObject(with: document)) as? [String: Any])
            .flatMap { $0["read"] as? [String: Any] }?["seconds"] as? Double
        return Row(
            name: "`rollcall plan` alone, the simulators in another process, \(BenchmarkTenant.latencyLabel)",
            size: "20 x 2,500 users + 5,000 members", seconds: seconds,
            note: "exit \(plan.terminationStatus); peak memory of the client \(String(format: "%.0f", peak)) MiB; "
                + "read \(read.map { String(format: "%.2f", $0) } ?? "?") s; "
                + "CPU time: the client's \(String(format: "%.2f", cpu)) s, the simulators' while it ran "
                + "\(serverCPU.map { String(format: "%.2f", $0) } ?? "?") s")
    }

    /// A running process's CPU time (user and system) from /proc, in seconds; nil where there is no /proc.
    static func cpuSeconds(of pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command's name in parentheses: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The first line a pipe carries.
    static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let byte = handle.readData(ofLength: 1).first, byte != 0x0A { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
