import Foundation
import Sandbox

/// Where live state comes from.
public enum LiveSource: Sendable {
    /// The real systems: base URLs from the config, secrets from the environment
    /// (`ATHENA_CLIENT_ID`, `ATHENA_CLIENT_SECRET`, `HEALTHIE_API_KEY`).
    /// `timeout` bounds each request; after two requests in a row get no answer in it, a
    /// system is taken to be down and the run ends saying so.
    case environment([String: String], timeout: Duration = .seconds(30))
    /// Both simulators in this process on loopback ports, over a sandbox state file
    /// (writes are saved to it) or, given a seed YAML, over an in-memory state seeded from it;
    /// `faults` makes them misbehave (latency, throttling) for tests and the benchmark.
    case sandbox(path: String, faults: SandboxFaults = .none)

    public static var processEnvironment: LiveSource { .environment(ProcessInfo.processInfo.environment) }

    public static func processEnvironment(timeout: Duration) -> LiveSource {
        .environment(ProcessInfo.processInfo.environment, timeout: timeout)
    }

    /// The files this source reads, which a config directory leaves out even when they sit inside it.
    public var inputFiles: [String] { files }

    var files: [String] {
        switch self {
        case .environment: []
        case .sandbox(let path, _): [path]
        }
    }
}
