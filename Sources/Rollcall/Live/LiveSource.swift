import Foundation
import Sandbox

/// Where live state comes from.
public enum LiveSource: Sendable {
    /// The real systems: base URLs from the config, secrets from the environment
    /// (`ATHENA_CLIENT_ID`, `ATHENA_CLIENT_SECRET`, `HEALTHIE_API_KEY`).
    case environment([String: String])
    /// Both simulators in this process on loopback ports, over a sandbox state file
    /// (writes are saved to it) or, given a seed YAML, over an in-memory state seeded from it;
    /// `faults` makes them misbehave (latency, throttling) for tests and the benchmark.
    case sandbox(path: String, faults: SandboxFaults = .none)

    public static var processEnvironment: LiveSource { .environment(ProcessInfo.processInfo.environment) }

    /// The files this source reads, which a config directory leaves out even when they sit inside it.
    public var inputFiles: [String] { files }

    var files: [String] {
        switch self {
        case .environment: []
        case .sandbox(let path, _): [path]
        }
    }
}
