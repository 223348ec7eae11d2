import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

@testable import Rollcall

/// Apply's stages one at a time, before anything live is read.
@Suite struct ApplyStageTests {
    @Test func theInputStageRefusesAConfigNoOneCanApproveBeforeAnythingIsOpened() throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        var request = ApplyRun.Request(
            input: scenario.folder.path, source: .environment([:]), today: ApplyScenario.today, environment: [:])
        request.canApprove = false
        #expect(throws: ApplyRun.Refused.self) { try ApplyInput.read(request) }
        #expect(!FileManager.default.fileExists(atPath: scenario.folder.appendingPathComponent(".rollcall").path))
    }

    @Test func theSessionStageRefusesABrokenAuditLogAndLeavesNoLockBehind() throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        try FileManager.default.createDirectory(
            atPath: (scenario.auditLog as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(#"{"sequence":1,"hash":"forged"}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: scenario.auditLog))
        let request = ApplyRun.Request(
            input: scenario.folder.path, source: .environment([:]), today: ApplyScenario.today, environment: [:])
        let input = try ApplyInput.read(request)
        do {
            _ = try ApplySession.open(for: input, request)
            Issue.record("a broken audit log was opened")
        } catch let error as RollcallError {
            #expect(error.code == .auditLog)
            #expect(error.message.contains("is broken at line 1"))
        }
        #expect(!FileManager.default.fileExists(atPath: scenario.lock), "the lock is released when the log is refused")
    }

    @Test func theSessionStageTakesTheLockAndCloseReleasesIt() throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        let request = ApplyRun.Request(
            input: scenario.folder.path, source: .environment([:]), today: ApplyScenario.today, environment: [:])
        let session = try ApplySession.open(for: try ApplyInput.read(request), request)
        #expect(try ApplyLockFile.runID(scenario.lock) == session.identity.runID)
        #expect(throws: RollcallError.self) { try ApplySession.open(for: try ApplyInput.read(request), request) }
        session.close()
        #expect(!FileManager.default.fileExists(atPath: scenario.lock))
    }
}
