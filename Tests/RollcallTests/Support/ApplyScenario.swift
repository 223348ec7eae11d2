import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox
import Synchronization

/// The riverside clinic copied into a scratch directory (its config and seed), for running
/// `ApplyRun` in process against simulators a test serves, and reading what reached them.
struct ApplyScenario {
    let folder: URL
    let seed: SandboxState
    static let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch

    init() throws {
        let example = RepositoryFiles.examples.appendingPathComponent("riverside")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-apply-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: example.path) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(
                at: example.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        seed = try SandboxFiles.readSeed(folder.appendingPathComponent("sandbox.yaml").path)
    }

    var auditLog: String { folder.appendingPathComponent(".rollcall/audit.jsonl").path }
    var lock: String { folder.appendingPathComponent(".rollcall/apply.lock").path }

    func request(_ endpoints: SandboxEndpoints, files: any RunFiles = LocalFiles()) -> ApplyRun.Request {
        var request = ApplyRun.Request(
            input: folder.path, source: .serving(endpoints), today: Self.today,
            environment: ["USER": "tester", "ROLLCALL_AUDIT_KEY": "k"])
        request.files = files
        return request
    }

    static let approve = ApplyRun.Observer(confirm: { _ in true }, changed: { _ in })

    /// Every request that asked a simulator to change something: athenaOne's writes (not the
    /// token) and Healthie's mutations.
    static func writes(_ session: SandboxSession) async -> [String] {
        let athena = await session.log(.athena).filter { $0.method != "GET" && $0.path != "/oauth2/v1/token" }
        let healthie = await session.log(.healthie).filter {
            $0.body.range(of: #"\bmutation\b"#, options: .regularExpression) != nil
        }
        return athena.map { "\($0.method) \($0.path) \($0.body)" } + healthie.map(\.body)
    }

    /// A pid no process has: one that ran and was reaped.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Writes a lock as another apply would hold it: `pid` on this host, its lease running.
    func holdLock(pid: Int32, runID: String = "other-run") throws {
        try FileManager.default.createDirectory(
            atPath: (lock as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let holder: [String: Any] = [
            "pid": Int(pid), "host": ProcessInfo.processInfo.hostName, "run_id": runID,
            "started": Date().formatted(.iso8601), "expires": Date().timeIntervalSince1970 + 60,
        ]
        try JSONSerialization.data(withJSONObject: holder).write(to: URL(fileURLWithPath: lock))
    }
}

/// An observer that approves, keeping the notices the run showed when it asked.
final class ApprovingObserver: Sendable {
    private let shown = Mutex<[String]>([])

    var notices: [String] { shown.withLock { $0 } }

    var observer: ApplyRun.Observer {
        ApplyRun.Observer(
            confirm: { [self] prepared in
                shown.withLock { $0 = prepared.notices }
                return true
            }, changed: { _ in })
    }
}
