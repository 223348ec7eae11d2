import AsyncHTTPClient
import Foundation
import RollcallCore

/// Where live state comes from: the real systems by default (`environment`), or anything
/// else that opens connectors, such as the simulators of the `RollcallSandbox` adapter
/// (`LiveSource.sandbox(path:)`). A run never knows which; it asks its source to open the
/// systems a config manages.
public struct LiveSource: Sendable {
    package let opener: any LiveSystemsOpener

    package init(_ opener: any LiveSystemsOpener) {
        self.opener = opener
    }

    /// The real systems: base URLs from the config, secrets from the environment
    /// (`ATHENA_CLIENT_ID`, `ATHENA_CLIENT_SECRET`, `HEALTHIE_API_KEY`).
    /// `timeout` bounds each request; after two requests in a row get no answer in it, a
    /// system is taken to be down and the run ends saying so.
    public static func environment(_ environment: [String: String], timeout: Duration = .seconds(30)) -> LiveSource {
        LiveSource(EnvironmentSystems(environment: environment, timeout: timeout))
    }

    public static var processEnvironment: LiveSource { .environment(ProcessInfo.processInfo.environment) }

    public static func processEnvironment(timeout: Duration) -> LiveSource {
        .environment(ProcessInfo.processInfo.environment, timeout: timeout)
    }

    /// The files this source reads, which a config directory leaves out even when they sit inside it.
    public var inputFiles: [String] { opener.inputFiles }
}

/// The seam under every run that reads or writes live records: it opens one connector per
/// system a config manages, runs a body with them, and closes them after.
package protocol LiveSystemsOpener: Sendable {
    /// Files this source reads (a sandbox's state), which a config directory leaves out.
    var inputFiles: [String] { get }
    /// Where credentials come from, for doctor to check.
    var credentials: LiveCredentials { get }
    /// Names the source in a report: `environment`, `sandbox examples/solo/sandbox.yaml`.
    var label: String { get }
    /// The athenaOne practices this source can list without a config, each with a key for the
    /// config, for `import` with no systems named; nil when it cannot (a real athenaOne has no
    /// such call, so a real import names its practices).
    func discoverPractices() throws -> [(key: String, practiceID: Int)]?
    /// Opens the connectors `config` needs on `client`, runs `body`, and closes what it opened.
    /// `permissions` are the Healthie `can_*` flags member reads ask for.
    func open<Value: Sendable>(
        config: Config, permissions: [String], client: HTTPClient,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value
}

extension LiveSystemsOpener {
    package var inputFiles: [String] { [] }
    package func discoverPractices() throws -> [(key: String, practiceID: Int)]? { nil }
}

/// Where a source's credentials come from.
package enum LiveCredentials: Sendable {
    /// Variables of this environment, each checked before it is sent.
    case environment([String: String])
    /// The source brings its own; `origin` says where (`the sandbox state`), `detail` names it.
    case own(origin: String, detail: String)
}
