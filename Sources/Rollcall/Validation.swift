import RollcallCore

/// `rollcall validate`: loads each path as its own config and gathers one report.
public enum Validation {
    public static func run(paths: [String], limits: YAMLLimits = .standard) -> ValidationReport {
        var checked: [ValidationReport.Checked] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let result = loadConfig(path, limits: limits)
            checked.append(ValidationReport.Checked(path: path, result: result))
            diagnostics += result.diagnostics
        }
        return ValidationReport(checked: checked, diagnostics: diagnostics)
    }

    /// Reads and loads one config path: a file, or a directory merged into one config.
    package static func loadConfig(_ path: String, limits: YAMLLimits = .standard) -> ConfigLoader.Result {
        let read = ConfigFiles.read(path, limits: limits)
        guard read.diagnostics.isEmpty else {
            return ConfigLoader.Result(config: nil, diagnostics: read.diagnostics.sorted())
        }
        // Handed over, so the loader lets each file's bytes go once parsed.
        let files = (consume read).files
        return RosterFile.resolve(
            ConfigLoader.load(origin: path, files: consume files, limits: limits), configPath: path, limits: limits)
    }
}
