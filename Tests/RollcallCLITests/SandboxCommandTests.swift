import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `rollcall sandbox init`, `dump` and `serve` as a user runs them: the built binary, real files, real sockets.
@Suite struct SandboxCommandTests {
    @Test(arguments: ["solo", "riverside"])
    func initThenDumpGivesEveryRecordOfTheSeed(example: String) throws {
        try RollcallProcess.withFiles([:]) { directory in
            let state = directory.appendingPathComponent("state.json").path
            let created = try RollcallProcess.run([
                "sandbox", "init", "--seed", "examples/\(example)/sandbox.yaml", "--state", state,
            ])
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.hasPrefix("Created \(state): "))
            let dumped = try RollcallProcess.run(["sandbox", "dump", "--state", state])
            #expect(dumped.status == 0, "\(dumped.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(dumped.stdout.utf8)) as? [String: Any])
            let athena = try #require(document["athena"] as? [String: Any])
            let practices = try #require(athena["practices"] as? [String: Any])
            #expect(!practices.isEmpty)
            let healthie = try #require(document["healthie"] as? [String: Any])
            #expect((healthie["members"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func aBadSeedIsNamedWithLineAndColumnAndNoStateIsWritten() throws {
        let seed = "athena:\n  practices:\n    \"1\":\n      departments: [{departmentid: 1, name: A, hiden: true}]\n"
        try RollcallProcess.withFiles(["seed.yaml": Array(seed.utf8)]) { directory in
            let seedPath = directory.appendingPathComponent("seed.yaml").path
            let state = directory.appendingPathComponent("state.json").path
            let output = try RollcallProcess.run(["sandbox", "init", "--seed", seedPath, "--state", state])
            #expect(output.status == 1)
            #expect(output.stderr.hasPrefix("\(seedPath):4:48: error: unknown key 'hiden'"), "\(output.stderr)")
            #expect(!FileManager.default.fileExists(atPath: state))
        }
    }

    @Test func initKeepsAnExistingStateUnlessForced() throws {
        try RollcallProcess.withFiles(["state.json": Array("keep me".utf8)]) { directory in
            let state = directory.appendingPathComponent("state.json").path
            let arguments = ["sandbox", "init", "--seed", "examples/solo/sandbox.yaml", "--state", state]
            let refused = try RollcallProcess.run(arguments)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("pass --force to replace it"))
            #expect(try String(contentsOfFile: state, encoding: .utf8) == "keep me")
            let forced = try RollcallProcess.run(arguments + ["--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOfFile: state, encoding: .utf8).hasPrefix("{"))
        }
    }

    @Test func dumpOfAMissingStateIsAnError() throws {
        let output = try RollcallProcess.run(["sandbox", "dump", "--state", "/nonexistent/state.json"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("/nonexistent/state.json"))
    }

    /// `serve --format json` prints one line a script can read, answers plain HTTP as the seeds
    /// document it, saves writes to the state file, and stops cleanly on SIGINT.
    @Test func serveAnswersPlainHTTPAndStopsOnInterrupt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-serve-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state.json").path
        let created = try RollcallProcess.run([
            "sandbox", "init", "--seed", "examples/solo/sandbox.yaml", "--state", state,
        ])
        #expect(created.status == 0, "\(created.stderr)")

        let server = try ServingProcess(["sandbox", "serve", "--state", state, "--format", "json"])
        defer { server.stop() }
        let line = try #require(server.firstLine())
        let endpoints = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        let athena = try #require(endpoints["athena_base_url"])
        let id = try #require(endpoints["athena_client_id"])
        let secret = try #require(endpoints["athena_client_secret"])

        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        let token = try await PlainHTTP.send(
            "POST", athena + "/oauth2/v1/token",
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials")
        #expect(token.status == 200)
        let accessToken = try #require(token.object["access_token"] as? String)
        #expect(token.object["expires_in"] is String)

        let users = try await PlainHTTP.send(
            "GET", athena + "/v1/195900/users?limit=500", headers: ["Authorization": "Bearer \(accessToken)"])
        #expect(users.status == 200)
        #expect(users.object["totalcount"] is Int)

        let json = try await PlainHTTP.send(
            "POST", athena + "/v1/195900/users",
            headers: ["Authorization": "Bearer \(accessToken)", "Content-Type": "application/json"],
            body: #"{"username":"x","firstname":"X","lastname":"Y","usertype":"STAFF"}"#)
        #expect(json.status == 400)

        let form = try await PlainHTTP.send(
            "POST", athena + "/v1/195900/users",
            headers: ["Authorization": "Bearer \(accessToken)", "Content-Type": "application/x-www-form-urlencoded"],
            body: "username=cli.check&firstname=Cli&lastname=Check&usertype=STAFF")
        #expect(form.status == 200)
        #expect(form.object["userid"] is String)

        let healthie = try #require(endpoints["healthie_url"])
        let key = try #require(endpoints["healthie_api_key"])
        let bearer = try await PlainHTTP.send(
            "POST", healthie,
            headers: [
                "Authorization": "Bearer \(key)", "AuthorizationSource": "API", "Content-Type": "application/json",
            ],
            body: #"{"query":"{ currentUser { id } }"}"#)
        #expect(bearer.status == 200)
        #expect(bearer.object["data"] is NSNull)

        #expect(server.interrupt() == 0)
        let saved = try String(contentsOfFile: state, encoding: .utf8)
        #expect(saved.contains("cli.check"))
    }
}

/// A `rollcall` process left running, read line by line.
final class ServingProcess {
    private let process = Process()
    private let output = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = try RollcallProcess.binary()
        process.arguments = arguments
        process.currentDirectoryURL = RollcallProcess.packageRoot
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first line the process prints, or nil if it exits first.
    func firstLine() -> String? {
        var bytes: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// Sends SIGINT and waits for the exit status; nil when the process has not exited
    /// within `seconds` (it is then killed, so a hang fails the test instead of the run).
    func interrupt(within seconds: Double = 30) -> Int32? {
        process.interrupt()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }
}

@Suite struct SandboxLockTests {
    /// Two processes serving one state file would hand out the same ids: the second is refused, naming the first.
    @Test func aServedStateIsNotServedOrWrittenTwice() throws {
        try ApplyScenario.with { scenario in
            let server = try ServingProcess(["sandbox", "serve", "--state", scenario.state, "--format", "json"])
            defer { server.stop() }
            #expect(server.firstLine() != nil)
            let second = try scenario.run(["sandbox", "serve", "--state", scenario.state])
            #expect(second.status == 1)
            #expect(second.stderr.contains("another process serves this sandbox state (pid "), "\(second.stderr)")
            let apply = try scenario.run(["plan", scenario.config, "--sandbox", scenario.state])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("another process serves this sandbox state"), "\(apply.stderr)")
        }
    }
}

/// Plain HTTP, as curl would send it, through Foundation rather than Rollcall's clients.
enum PlainHTTP {
    struct Answer {
        var status: Int
        var body: Data
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    static func send(
        _ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil
    ) async throws -> Answer {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}

@Suite struct FaultOptionTests {
    @Test func aNegativeLatencyIsNamedNotReadAsAMissingValue() throws {
        let output = try RollcallProcess.run(["sandbox", "serve", "--state", "/nonexistent", "--latency-ms", "-5"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--latency-ms must be from 0 to 60000, not -5"), "\(output.stderr)")
    }
}

@Suite struct ServeStopTests {
    /// A request sleeping out `--latency-ms` does not hold up a stop.
    @Test func anInterruptStopsServeWhileARequestWaitsOutItsLatency() async throws {
        try await ApplyScenario.withAsync { scenario in
            let server = try ServingProcess([
                "sandbox", "serve", "--state", scenario.state, "--format", "json", "--latency-ms", "30000",
            ])
            defer { server.stop() }
            let line = try #require(server.firstLine())
            let endpoints = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            let athena = try #require(endpoints["athena_base_url"])
            let waiting = Task { try? await PlainHTTP.send("GET", athena + "/v1/195900/users") }
            try await Task.sleep(for: .milliseconds(500))
            let start = ContinuousClock.now
            #expect(server.interrupt() == 0)
            #expect(ContinuousClock.now - start < .seconds(10), "a stop must not wait out 30 s of latency")
            waiting.cancel()
        }
    }
}
