import RollcallCore

/// A config read and loaded for a run that reads live state: the config, its digest, its warnings.
struct LoadedConfig {
    var config: Config
    /// `ConfigDigest` of the files it was merged from, the roster's export among them.
    var digest: String
    /// The roster's export, when the config has one.
    var export: ConfigSourceFile?
    /// Each file the digest covers, with its own SHA-256.
    var files: [ConfigFileDigest]
    var warnings: [Diagnostic]

    /// Reads `path` (leaving out `excluding`, such as the sandbox seed) and loads it, or throws
    /// every diagnostic when it does not load.
    init(path: String, excluding: [String], files reader: any RunFiles = LocalFiles()) throws {
        let read = reader.readConfig(path, excluding: excluding, limits: .standard)
        guard read.diagnostics.isEmpty else { throw PlanRun.InvalidConfig(diagnostics: read.diagnostics) }
        // The files are hashed first and then handed to the loader, which lets each file's
        // bytes go once parsed: a large config is not held through validation.
        var digests = ConfigDigest.Builder()
        for file in read.files { digests.add(file) }
        let configFiles = (consume read).files
        let (loaded, export) = RosterFile.read(
            ConfigLoader.load(origin: path, files: consume configFiles), configPath: path, files: reader)
        guard let config = loaded.config else { throw PlanRun.InvalidConfig(diagnostics: loaded.diagnostics) }
        self.config = config
        if let export { digests.add(export) }
        digest = digests.digest
        files = digests.files
        self.export = export
        warnings = loaded.diagnostics
    }
}

extension Config {
    /// `--practice KEY` names only practices the config has.
    func checkPracticeKeys(_ keys: [String]?) throws {
        guard let keys else { return }
        let known = Set(athena?.practices.map(\.key) ?? [])
        for key in keys where !known.contains(key) {
            // `--practice` takes the config's key; a practice id is a common slip.
            if let practice = athena?.practices.first(where: { String($0.practiceID) == key }) {
                throw RollcallError(
                    .usage,
                    "--practice \(key): that is the practice id of '\(practice.key)'; --practice takes the config's "
                        + "key: --practice \(practice.key)")
            }
            throw RollcallError(
                .usage,
                "--practice \(key): the config has no such practice (it has: \(known.sorted().joined(separator: ", ")))"
            )
        }
    }
}
