import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox
import Testing

/// `ImportRun` in process against simulators the test serves: it reads, writes a config that
/// plans nothing against the same live state, and sends no write.
@Suite struct ImportRunTests {
    @Test func anImportOfRiversideRoundTripsAndWritesNothingLive() async throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        let out = scenario.folder.appendingPathComponent("imported").path
        let (outcome, writes) = try await SandboxSession.with(scenario.seed) { session in
            let request = ImportRun.Request(
                out: out, source: .serving(session.endpoints),
                systems: ImportSources(configPath: scenario.folder.appendingPathComponent("systems.yaml").path),
                today: ApplyScenario.today, schemaReference: "schema.json")
            return (try await ImportRun.run(request), await ApplyScenario.writes(session))
        }
        #expect(writes.isEmpty)
        #expect(outcome.roundTrip.holds && outcome.roundTrip.changes.isEmpty, "\(outcome.roundTrip.problems)")
        #expect(outcome.written.map { ($0 as NSString).lastPathComponent }.contains("staff.yaml"))
        let again = try await SandboxSession.with(scenario.seed) { session in
            try await PlanRun.run(
                PlanRun.Request(path: out, source: .serving(session.endpoints), today: ApplyScenario.today))
        }
        #expect(again.document.changes.isEmpty, "the written config plans nothing against the state it came from")
    }
}
