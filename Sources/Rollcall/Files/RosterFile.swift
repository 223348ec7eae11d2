import Foundation
import RollcallCore

/// The HR export a config's `roster` names, read as a YAML file is (a regular file of at most
/// 64 MiB; never a FIFO or a device; a link only to a file inside the config's directory) and
/// resolved into the config's staff. Its problems are reported as the YAML's are, at
/// `hr/roster.csv:LINE:COL`.
enum RosterFile {
    static func resolve(_ loaded: ConfigLoader.Result, configPath: String, limits: YAMLLimits = .standard)
        -> ConfigLoader.Result
    {
        read(loaded, configPath: configPath, limits: limits).result
    }

    /// `resolve`, and the export's bytes, which the config's digest covers with the YAML files.
    static func read(
        _ loaded: ConfigLoader.Result, configPath: String, limits: YAMLLimits = .standard,
        files: any RunFiles = LocalFiles()
    ) -> (result: ConfigLoader.Result, export: ConfigSourceFile?) {
        guard let config = loaded.config, let roster = config.roster else { return (loaded, nil) }
        let path = roster.path
        if let problem = linkProblem(path, configPath: configPath, files: files) {
            return (ConfigLoader.Result(config: nil, diagnostics: (loaded.diagnostics + [problem]).sorted()), nil)
        }
        let read = files.readConfig(path, excluding: [], limits: limits)
        guard read.diagnostics.isEmpty, let file = read.files.first else {
            let declared = Diagnostic.error(
                "the roster file '\(roster.file)' cannot be read (see \(path))", at: roster.declaredAt)
            let diagnostics = (loaded.diagnostics + read.diagnostics + [declared]).sorted()
            return (ConfigLoader.Result(config: nil, diagnostics: diagnostics), nil)
        }
        let outcome = RosterResolver.resolve(config, export: file.bytes, path: path)
        let diagnostics = (loaded.diagnostics + outcome.diagnostics).sorted()
        return (ConfigLoader.Result(config: outcome.config, diagnostics: diagnostics), file)
    }

    /// A symbolic link whose file lies outside the config's directory is refused: the export
    /// is part of the reviewed desired state, so it lives with the config.
    private static func linkProblem(_ path: String, configPath: String, files: any RunFiles) -> Diagnostic? {
        guard files.kind(at: path) == .symbolicLink else { return nil }
        let canonicalRoot = URL(fileURLWithPath: ConfigFiles.folder(of: configPath)).standardizedFileURL
            .resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        guard !target.hasPrefix(canonicalRoot + "/") else { return nil }
        return .error(
            "a symbolic link to \(target), outside the config's directory \(canonicalRoot)", file: path,
            hint: "keep the export with the config it is part of")
    }
}
