import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox
import Testing

/// A drift run never writes: proven from the simulators' own request log, on the
/// riverside clinic, whose live state differs from its config in every way drift reports.
@Suite struct DriftReadOnlyTests {
    @Test func aDriftRunSendsNoWriteToEitherSystem() async throws {
        let example = RepositoryFiles.examples.appendingPathComponent("riverside")
        let state = try SandboxFiles.readSeed(example.appendingPathComponent("sandbox.yaml").path)
        let loaded = Validation.loadConfig(example.path)
        let config = try #require(loaded.config)
        let request = DriftRun.Request(
            path: example.path, source: .environment([:]), today: CalendarDate(iso: "2026-11-24") ?? .unixEpoch,
            commit: "none")
        let logs = try await SandboxSession.with(state) { session in
            let reader = ReadOnlySystems(
                systems: .sandbox(config: config, endpoints: session.endpoints, client: session.client))
            let (report, _) = try await DriftRun.report(config: config, digest: "d", reader: reader, request: request)
            #expect(report.findings.contains { $0.kind == .stillActive })
            #expect(report.findings.contains { $0.kind == .missingAccount })
            return (await session.log(.athena), await session.log(.healthie), await session.store.state)
        }
        let (athena, healthie, after) = logs
        #expect(!athena.isEmpty && !healthie.isEmpty)
        let athenaWrites = athena.filter { $0.method != "GET" && $0.path != "/oauth2/v1/token" }
        #expect(athenaWrites.isEmpty, "\(athenaWrites.map { "\($0.method) \($0.path)" })")
        #expect(athena.filter { $0.method == "POST" }.allSatisfy { $0.path == "/oauth2/v1/token" })
        let mutations = healthie.filter { $0.body.range(of: #"\bmutation\b"#, options: .regularExpression) != nil }
        #expect(mutations.isEmpty)
        #expect(healthie.allSatisfy { $0.body.contains("query ") })
        #expect((athena + healthie).allSatisfy { !$0.wrote })
        #expect(after == state, "the live state is as it was")
    }
}
