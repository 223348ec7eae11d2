/// One config file's path and bytes, as read by the layer above the core.
public struct ConfigSourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The whole pipeline from bytes to a validated `Config`:
/// parse each file (YAML with locations) → decode each (keys and value types)
/// → merge the files → validate across entries → `Config`.
public enum ConfigLoader {
    public struct Result: Sendable {
        /// `nil` when there is any error.
        public var config: Config?
        /// Errors and warnings, sorted by file and position.
        public var diagnostics: [Diagnostic]

        public init(config: Config?, diagnostics: [Diagnostic]) {
            self.config = config
            self.diagnostics = diagnostics
        }

        var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    }

    /// Loads `files` as one config; `origin` is the file or directory the user named.
    ///
    /// A file that is not readable YAML, or not a mapping, stops the checks across files, which would
    /// otherwise report everything that file defines as missing.
    ///
    /// Each file's bytes are let go once it is parsed, so a caller that hands `files` over
    /// (`consume`) does not hold a large file through validation.
    public static func load(
        origin: String, files: consuming [ConfigSourceFile], limits: YAMLLimits = .standard
    ) -> Result {
        guard !files.isEmpty else {
            return Result(
                config: nil,
                diagnostics: [
                    .error("no config files to load", file: origin, hint: "name a .yaml file or a directory of them")
                ])
        }
        var diagnostics: [Diagnostic] = []
        var merged = SourceConfig()
        var unreadable = false
        for index in files.indices {
            let path = files[index].path
            var stream = StaffListStream(decoder: ConfigDecoder(file: path))
            let parsed = YAMLParser.parse(files[index].bytes, file: path, limits: limits, streaming: &stream)
            files[index].bytes = []
            diagnostics += parsed.diagnostics
            guard let root = parsed.root else {
                unreadable = true
                continue
            }
            var decoder = stream.decoder
            let decoded = decoder.decode(root)
            diagnostics += decoder.diagnostics
            guard let decoded else {
                unreadable = true
                continue
            }
            merged.merge(decoded)
        }
        var config: Config?
        if !unreadable {
            var validator = ConfigValidator(origin: origin, source: merged)
            config = validator.validate()
            diagnostics += validator.diagnostics
        }
        diagnostics.sort()
        let hasErrors = diagnostics.contains(where: \.isError)
        return Result(config: hasErrors ? nil : config, diagnostics: diagnostics)
    }
}
