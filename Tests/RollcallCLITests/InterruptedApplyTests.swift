import Foundation
import Synchronization
import Testing

/// An apply killed or interrupted part-way, against `sandbox serve` with latency so the
/// writes take long enough to stop in the middle; the next apply finishes it.
@Suite(.serialized) struct InterruptedApplyTests {
    /// Points the scenario's config at a running `sandbox serve`, and returns the credentials to run with.
    static func serve(_ scenario: ApplyScenario, latency: Int) throws -> (ServingProcess, [String: String]) {
        let server = try ServingProcess([
            "sandbox", "serve", "--state", scenario.state, "--format", "json", "--latency-ms", String(latency),
        ])
        guard let line = server.firstLine(),
            let endpoints = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
            let athena = endpoints["athena_base_url"], let healthie = endpoints["healthie_url"]
        else {
            server.stop()
            throw ScenarioError(message: "sandbox serve printed no endpoints")
        }
        let config = scenario.config + "/rollcall.yaml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        for (system, url) in [("athena", athena), ("healthie", healthie)] {
            guard
                let range = text.range(of: "\nsystems:\n").flatMap({
                    text.range(of: "\n  \(system):\n", range: $0.lowerBound..<text.endIndex)
                })
            else { throw ScenarioError(message: "no systems.\(system) in the config") }
            text.replaceSubrange(range, with: "\n  \(system):\n    base_url: \(url)\n")
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = [
            "ATHENA_CLIENT_ID": endpoints["athena_client_id"] ?? "",
            "ATHENA_CLIENT_SECRET": endpoints["athena_client_secret"] ?? "",
            "HEALTHIE_API_KEY": endpoints["healthie_api_key"] ?? "",
        ]
        return (server, environment)
    }

    /// A plan saved against a served sandbox with `latency`, and its apply started in the background.
    static func applyingSavedPlan(_ scenario: ApplyScenario, latency: Int) throws -> (
        ServingProcess, [String: String], RunningProcess
    ) {
        let (server, environment) = try serve(scenario, latency: latency)
        let planned = try scenario.run(
            ["plan", scenario.config, "--today", ApplyScenario.today, "--out", scenario.plan], environment: environment)
        #expect(planned.status == 0, "\(planned.stderr)")
        do {
            let apply = try RunningProcess(
                ["apply", scenario.plan, "--today", ApplyScenario.today], environment: environment)
            return (server, environment, apply)
        } catch {
            server.stop()
            throw error
        }
    }

    static func outcomes(_ scenario: ApplyScenario) -> Int {
        let text = (try? String(contentsOfFile: scenario.journal, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains("\"kind\":\"outcome\"") }.count
    }

    static func waitFor(_ condition: () -> Bool, seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return false
    }

    /// `kill -9` after the first write: the next apply of the same plan settles what was in
    /// flight from the live records and finishes the rest, with no duplicate account.
    @Test func aKilledApplyIsFinishedByTheNextWithNoDuplicate() throws {
        try ApplyScenario.with { scenario in
            let (server, environment) = try Self.serve(scenario, latency: 150)
            defer { server.stop() }
            let planned = try scenario.run(
                ["plan", scenario.config, "--today", ApplyScenario.today, "--out", scenario.plan],
                environment: environment)
            #expect(planned.status == 0, "\(planned.stderr)")
            let apply = try RunningProcess(
                ["apply", scenario.plan, "--today", ApplyScenario.today], environment: environment)
            #expect(Self.waitFor { Self.outcomes(scenario) >= 1 }, "the first write never finished")
            apply.kill()
            #expect(Self.outcomes(scenario) < 4, "killed before the end")
            let finished = try scenario.run(
                ["apply", scenario.plan, "--today", ApplyScenario.today], environment: environment)
            #expect(finished.status == 0, "\(finished.stdout)\n\(finished.stderr)")
            #expect(finished.stderr.contains("took over the lock"), "\(finished.stderr)")
            let again = try scenario.run(
                ["plan", scenario.config, "--today", ApplyScenario.today, "--detailed-exitcode"],
                environment: environment)
            #expect(again.status == 0, "nothing left to plan: \(again.stdout)")
            let names = try scenario.usernames()
            #expect(names.filter { $0 == "lfischer" }.count == 1)
            #expect(Set(names).count == names.count, "no duplicate account")
            let emails = try scenario.memberEmails()
            #expect(Set(emails).count == emails.count, "no duplicate membership")
            #expect(try scenario.run(["audit", "verify", scenario.audit]).status == 0)
        }
    }

    /// The first SIGINT lets the write in flight finish, starts no more, says what was left, exits 1.
    @Test func aFirstInterruptStopsNewWritesAndTheNextApplyFinishes() throws {
        try ApplyScenario.with { scenario in
            let (server, environment, apply) = try Self.applyingSavedPlan(scenario, latency: 150)
            defer { server.stop() }
            #expect(Self.waitFor { Self.outcomes(scenario) >= 1 })
            apply.signal(SIGINT)
            let output = apply.wait()
            #expect(output.status == 1)
            #expect(output.stderr.contains("SIGINT"), "\(output.stderr)")
            #expect(output.stdout.contains("Stopped: interrupted by SIGINT"), "\(output.stdout)")
            #expect(output.stdout.contains("Skipped:"), "\(output.stdout)")
            let finished = try scenario.run(
                ["apply", scenario.plan, "--today", ApplyScenario.today], environment: environment)
            #expect(finished.status == 0, "\(finished.stdout)\n\(finished.stderr)")
            #expect(finished.stdout.contains("already applied"))
        }
    }

    /// A second SIGTERM exits at once, with README's status 1 (not 130), and releases the lock.
    @Test func aSecondSignalExitsOneAndLeavesNoLock() throws {
        try ApplyScenario.with { scenario in
            let (server, environment, apply) = try Self.applyingSavedPlan(scenario, latency: 400)
            defer { server.stop() }
            #expect(Self.waitFor { FileManager.default.fileExists(atPath: scenario.journal) })
            apply.signal(SIGTERM)
            usleep(100_000)
            apply.signal(SIGTERM)
            let (output, timedOut) = apply.wait(atMost: 30)
            #expect(!timedOut)
            #expect(output.status == 1, "\(output.stderr)")
            #expect(output.stderr.contains("second SIGTERM"), "\(output.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scenario.lock), "the lock is released before the exit")
            let finished = try scenario.run(
                ["apply", scenario.plan, "--today", ApplyScenario.today], environment: environment)
            #expect(finished.status == 0, "\(finished.stdout)\n\(finished.stderr)")
            #expect(!finished.stderr.contains("took over"), "no lock was left to take over: \(finished.stderr)")
        }
    }
}

/// A `rollcall` run in the background, to be signalled or killed.
final class RunningProcess {
    private let process = Process()
    private let stdout = Pipe()
    private let stderr = Pipe()
    /// Each pipe read to its end on a thread of its own, so a full pipe never stalls the process.
    private let out: PipeReader
    private let err: PipeReader

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = try RollcallProcess.binary()
        process.arguments = arguments
        process.currentDirectoryURL = RollcallProcess.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        out = PipeReader(stdout.fileHandleForReading)
        err = PipeReader(stderr.fileHandleForReading)
    }

    func signal(_ number: Int32) {
        Foundation.kill(process.processIdentifier, number)
    }

    func kill() {
        signal(SIGKILL)
        _ = wait()
    }

    /// Waits at most `seconds`; a process still running then is killed, and `timedOut` says so.
    func wait(atMost seconds: Double) -> (output: RollcallProcess.Output, timedOut: Bool) {
        let ended = InterruptedApplyTests.waitFor({ !process.isRunning }, seconds: seconds)
        if !ended { signal(SIGKILL) }
        return (wait(), !ended)
    }

    func wait() -> RollcallProcess.Output {
        process.waitUntilExit()
        let (out, err) = (self.out.bytes(), self.err.bytes())
        return RollcallProcess.Output(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

}

/// A pipe read to its end on a thread of its own, so a full pipe never stalls the process.
final class PipeReader: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            let bytes = handle.readDataToEndOfFile()
            data.withLock { $0 = bytes }
            done.signal()
        }
        thread.start()
    }

    /// Everything the pipe carried; waits for its end.
    func bytes() -> Data {
        done.wait()
        done.signal()
        return data.withLock { $0 }
    }
}
