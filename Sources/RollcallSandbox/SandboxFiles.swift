import Foundation
import Rollcall
import RollcallCore
import Sandbox

/// The sandbox's files: a seed read from YAML, a state kept as JSON.
package enum SandboxFiles {
    /// Reads a seed and writes the state file it describes; an existing state file is replaced only with `replace`.
    package static func initialize(seed seedPath: String, state statePath: String, replace: Bool) throws -> SandboxState
    {
        let state = try readSeed(seedPath)
        if !replace, FileManager.default.fileExists(atPath: statePath) {
            throw SandboxSeedError(
                message: "\(statePath): error: a sandbox state already exists here (pass --force to replace it)")
        }
        do {
            try state.encodedJSON().write(to: URL(fileURLWithPath: statePath), options: .atomic)
        } catch {
            throw SandboxSeedError(message: "\(statePath): error: cannot write the sandbox state: \(error)")
        }
        return state
    }

    /// Reads a seed YAML file into the live state it describes; problems name the file, line and column.
    package static func readSeed(_ seedPath: String) throws -> SandboxState {
        let read = ConfigFiles.readFile(seedPath)
        guard let file = read.files.first, read.diagnostics.isEmpty else {
            throw SandboxSeedError(
                message: DiagnosticTextRenderer(colored: false).render(read.diagnostics).trimmingCharacters(
                    in: .newlines))
        }
        return try SandboxState.seed(yaml: file.bytes, file: seedPath)
    }

    /// The state a state file or a seed YAML holds, read without serving it.
    package static func state(at path: String) throws -> SandboxState {
        if ConfigFiles.isYAML(path) { return try readSeed(path) }
        return try SandboxState.read(stateFile: URL(fileURLWithPath: path))
    }

    /// Opens a state file for serving; writes made while serving are saved to it.
    package static func open(state statePath: String) throws -> SandboxStore {
        try SandboxStore(stateFile: URL(fileURLWithPath: statePath))
    }

    /// A state file written by `rollcall sandbox init` to serve (writes are saved to it), or a
    /// seed YAML to serve from memory.
    static func store(_ path: String) throws -> SandboxStore {
        guard FileManager.default.fileExists(atPath: path) else {
            let folder = (path as NSString).deletingLastPathComponent
            let beside =
                ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
                .filter { ConfigFiles.sandboxSeedNames.contains($0) || $0.hasSuffix(".json") }.sorted()
            let listed =
                beside.isEmpty
                ? ""
                : "; beside it: "
                    + beside.map { (folder as NSString).appendingPathComponent($0) }.joined(separator: ", ")
            throw RollcallError(
                .sandbox,
                "--sandbox \(path) does not exist\(listed). Pass a seed (such as examples/solo/sandbox.yaml) or a "
                    + "state made by `rollcall sandbox init --seed SEED.yaml --state STATE`")
        }
        if ConfigFiles.isYAML(path) {
            return SandboxStore(state: try readSeed(path))
        }
        return try open(state: path)
    }
}
