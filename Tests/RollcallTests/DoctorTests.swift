import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox
import Testing

/// `rollcall doctor` against the simulators over loopback, through the environment's
/// credentials and the config's base URLs as a real clinic's run goes, with each fault a
/// clinic meets on its first day.
@Suite struct DoctorTests {
    /// The solo example's seed, which `change` may break.
    static func state(_ change: (inout SandboxState) -> Void = { _ in }) throws -> SandboxState {
        var state = try SandboxFiles.readSeed(
            RepositoryFiles.examples.appendingPathComponent("solo/sandbox.yaml").path)
        change(&state)
        return state
    }

    /// The solo example's config pointed at the simulators, with `edit` applied to its text.
    static func config(
        in folder: URL, endpoints: SandboxEndpoints, edit: (String) -> String = { $0 }
    ) throws -> String {
        var text = try String(
            contentsOf: RepositoryFiles.examples.appendingPathComponent("solo/rollcall.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  athena:\n    practices:", with: "  athena:\n    base_url: \(endpoints.athenaBaseURL)\n    practices:"
        )
        text = text.replacingOccurrences(
            of: "\n  healthie:\n", with: "\n  healthie:\n    base_url: \(endpoints.healthieURL)\n")
        let path = folder.appendingPathComponent("rollcall.yaml")
        try Data(edit(text).utf8).write(to: path)
        return path.path
    }

    static func environment(_ endpoints: SandboxEndpoints, key: String? = nil) -> [String: String] {
        [
            "ATHENA_CLIENT_ID": endpoints.athenaClient?.id ?? "",
            "ATHENA_CLIENT_SECRET": endpoints.athenaClient?.secret ?? "",
            "HEALTHIE_API_KEY": key ?? endpoints.healthieAPIKey ?? "",
        ]
    }

    /// Runs doctor on the solo clinic as `state`, `edit` and `key` make it.
    static func doctor(
        state: SandboxState? = nil, key: String? = nil, edit: @escaping @Sendable (String) -> String = { $0 },
        prepare: @escaping @Sendable (URL) throws -> Void = { _ in }
    ) async throws -> (DoctorReport, [SandboxRequestRecord]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try prepare(folder)
        return try await SandboxSession.with(try state ?? Self.state()) { session in
            let path = try config(in: folder, endpoints: session.endpoints, edit: edit)
            let outcome = try await DoctorRun.run(
                DoctorRun.Request(
                    path: path, source: .environment(environment(session.endpoints, key: key), timeout: .seconds(5)),
                    environment: [:]))
            return (outcome.report, await session.log(.athena) + session.log(.healthie))
        }
    }

    static func check(_ report: DoctorReport, _ words: String) -> DoctorReport.Check? {
        report.checks.first { $0.name.contains(words) }
    }

    @Test func aReadyClinicPassesEveryCheckWithOnePageOfUsersAndNoWrite() async throws {
        let (report, log) = try await Self.doctor()
        #expect(report.passed, "\(report.checks.filter { $0.status != .passed })")
        #expect(report.checks.allSatisfy { $0.status == .passed })
        let areas = Set(report.checks.map(\.area))
        #expect(areas == ["config", "credentials", "athenaOne", "Healthie", "rate limits", "clock", "audit log"])
        #expect(Self.check(report, "users are readable")?.detail == "11 users")
        #expect(Self.check(report, "the API key is an admin key")?.detail == "7 members")
        let userReads = log.filter { $0.path.hasSuffix("/users") }
        #expect(userReads.count == 1 && userReads.allSatisfy { $0.query.contains("limit=1") }, "\(userReads)")
        #expect(log.allSatisfy { !$0.wrote }, "doctor never writes")
    }

    @Test func aMissingScopeIsNamedAndThePracticesAreNotRead() async throws {
        let state = try Self.state {
            $0.athena.clients = [
                AthenaClient(id: "users-only", secret: "s2", scopes: [AthenaState.userManagementScope])
            ]
        }
        let (report, _) = try await Self.doctor(state: state)
        #expect(!report.passed)
        let missing = try #require(Self.check(report, "PracticeManagement"))
        #expect(missing.status == .failed)
        #expect(missing.fix?.contains("grant athena/service/Athenanet.MDP.PracticeManagement") == true)
        #expect(Self.check(report, "UserManagement")?.status == .passed)
        #expect(Self.check(report, "practice harbor")?.status == .skipped)
    }

    @Test func aKeyThatIsNotAnAdminsIsNamed() async throws {
        let state = try Self.state {
            $0.healthie.apiKeys.append(HealthieAPIKey(key: "nurse-key", admin: false, userID: "2002"))
        }
        let (report, _) = try await Self.doctor(state: state, key: "nurse-key")
        #expect(Self.check(report, "authenticates")?.status == .passed)
        let admin = try #require(Self.check(report, "is an admin key"))
        #expect(admin.status == .failed)
        #expect(admin.fix?.contains("organization admin") == true, "\(admin)")
    }

    @Test func aWrongPracticeIDSaysWhichKeyToCorrect() async throws {
        let (report, _) = try await Self.doctor(edit: {
            $0.replacingOccurrences(of: "practiceid: 195900", with: "practiceid: 195999")
        })
        let users = try #require(Self.check(report, "practice harbor (195999): users are readable"))
        #expect(users.status == .failed)
        #expect(users.fix?.contains("systems.athena.practices.harbor.practiceid") == true, "\(users)")
    }

    @Test func anUnknownDepartmentIsNamedWithTheOnesThere() async throws {
        let (report, _) = try await Self.doctor(edit: {
            $0.replacingOccurrences(
                of: "departments: [Harbor Clinic, Lab]", with: "departments: [Harbor Clinic, Lab, Radiology]")
        })
        let departments = try #require(Self.check(report, "every declared department is found"))
        #expect(departments.status == .failed)
        #expect(departments.detail == "not found: 'Radiology'")
        #expect(departments.fix?.contains("'Lab'") == true, "\(departments)")
    }

    @Test func aVersionNearSunsetFailsWithTheReleaseToMoveTo() async throws {
        let (report, _) = try await Self.doctor(edit: {
            $0.replacingOccurrences(of: "\n  healthie:\n", with: "\n  healthie:\n    api_version: \"2024-06-01\"\n")
        })
        let version = try #require(Self.check(report, "the API version 2024-06-01 is accepted"))
        #expect(version.status == .failed)
        #expect(version.detail?.contains("sunset") == true, "\(version)")
        #expect(version.fix?.contains("2026-07-01") == true, "\(version)")
    }

    @Test func everyMissingCredentialIsNamedAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rollcall.yaml")
        try FileManager.default.copyItem(
            at: RepositoryFiles.examples.appendingPathComponent("solo/rollcall.yaml"), to: path)
        let outcome = try await DoctorRun.run(
            DoctorRun.Request(path: path.path, source: .environment(["ATHENA_CLIENT_ID": "x"]), environment: [:]))
        let failed = outcome.report.checks.filter { $0.status == .failed }.map(\.name)
        #expect(failed == ["ATHENA_CLIENT_SECRET is set", "HEALTHIE_API_KEY is set"])
        #expect(Self.check(outcome.report, "ATHENA_CLIENT_ID is set")?.status == .passed)
        #expect(Self.check(outcome.report, "practice harbor")?.status == .skipped)
    }

    @Test func aBrokenAuditChainFails() async throws {
        let (report, _) = try await Self.doctor(prepare: { folder in
            let log = folder.appendingPathComponent(".rollcall/audit.jsonl")
            try FileManager.default.createDirectory(
                at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{\"not\": \"an audit line\"}\n".utf8).write(to: log)
        })
        #expect(Self.check(report, "the audit log can be written")?.status == .passed)
        let chain = try #require(Self.check(report, "its chain is intact"))
        #expect(chain.status == .failed)
        #expect(chain.fix?.contains("rollcall audit verify") == true)
    }
}
