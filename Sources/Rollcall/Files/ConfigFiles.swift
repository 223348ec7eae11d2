import Foundation
import RollcallCore

/// Reads what a config `PATH` names: one YAML file, or every `*.yaml` / `*.yml`
/// file directly inside a directory, in name order, except `sandbox.yaml`
/// (`sandbox.yml`): that is the seed of the sandbox's live state, kept beside the
/// config it is meant to differ from, not part of it. So is any file the caller
/// names in `excluding`: the seed given to `--sandbox`, whatever its name.
///
/// Sizes are checked before reading, so a huge or endless file (a device, a
/// pipe) is refused without being read.
package enum ConfigFiles {
    package struct Read: Sendable {
        package var files: [ConfigSourceFile]
        package var diagnostics: [Diagnostic]
    }

    package static func read(_ path: String, excluding: [String] = [], limits: YAMLLimits = .standard) -> Read {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            var link = stat()
            if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                var target = stat()
                let why =
                    stat(path, &target) != 0 && errno == ELOOP ? "a symbolic link loop" : "a dangling symbolic link"
                return Read(files: [], diagnostics: [.error(why, file: path)])
            }
            return Read(files: [], diagnostics: [.error("no such file or directory", file: path)])
        }
        guard isDirectory.boolValue else {
            return readFile(path, limits: limits)
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: path)
        } catch {
            return Read(files: [], diagnostics: [.error("cannot list the directory: \(reason(error))", file: path)])
        }
        let excluded = Set(excluding.map(canonical))
        let yamlNames = names.filter {
            !$0.hasPrefix(".") && isYAML($0) && !sandboxSeedNames.contains($0)
                && !excluded.contains(canonical((path as NSString).appendingPathComponent($0)))
        }.sorted()
        guard !yamlNames.isEmpty else {
            return Read(
                files: [], diagnostics: [.error("the directory holds no *.yaml files", file: path)])
        }
        var result = Read(files: [], diagnostics: [])
        for name in yamlNames {
            let file = readFile((path as NSString).appendingPathComponent(name), limits: limits)
            result.files += file.files
            result.diagnostics += file.diagnostics
        }
        return result
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The directory a config path lives in: the path itself for a config directory, a config
    /// file's folder otherwise (`.` for a bare file name). The audit log, the roster's links and
    /// the commit are judged from it.
    static func folder(of configPath: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: configPath, isDirectory: &isDirectory)
        let folder = exists && isDirectory.boolValue ? configPath : (configPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// File names a config directory leaves out: the sandbox seed.
    package static let sandboxSeedNames: Set<String> = ["sandbox.yaml", "sandbox.yml"]

    /// Whether a file name or path names a YAML file, as a config directory counts them.
    package static func isYAML(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    package static func readFile(_ path: String, limits: YAMLLimits = .standard) -> Read {
        // The file a symbolic link leads to is the one judged: a link to a pipe would block the read forever.
        var status = stat()
        guard stat(path, &status) == 0 else {
            let why = errno == ELOOP ? "a symbolic link loop" : String(cString: strerror(errno))
            return Read(files: [], diagnostics: [.error("cannot read the file: \(why)", file: path)])
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return Read(files: [], diagnostics: [.error("not a regular file", file: path)])
        }
        let size = Int(status.st_size)
        if size > limits.maxFileBytes {
            return Read(
                files: [],
                diagnostics: [
                    .error(
                        "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes", file: path,
                        hint: "split the config into several files in one directory")
                ])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return Read(files: [], diagnostics: [.error("cannot open the file for reading", file: path)])
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit, so a file that grew since it was measured is still caught.
            let data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
            return Read(files: [ConfigSourceFile(path: path, bytes: [UInt8](data))], diagnostics: [])
        } catch {
            return Read(files: [], diagnostics: [.error("cannot read the file: \(reason(error))", file: path)])
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}
