import RollcallCore
import Testing

/// Loads YAML text as a one-file config, as `rollcall validate FILE` would.
func load(_ yaml: String, file: String = "clinic.yaml") -> ConfigLoader.Result {
    ConfigLoader.load(origin: file, files: [ConfigSourceFile(path: file, bytes: Array(yaml.utf8))])
}

/// Loads several files as one config, as a directory would.
func load(files: [(String, String)], origin: String = "clinic") -> ConfigLoader.Result {
    ConfigLoader.load(origin: origin, files: files.map { ConfigSourceFile(path: $0.0, bytes: Array($0.1.utf8)) })
}

extension ConfigLoader.Result {
    var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    /// The one error whose message holds `text`; records an issue when there is not exactly one.
    func error(containing text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let matches = errors.filter { $0.message.contains(text) }
        #expect(
            matches.count == 1, "expected one error containing \"\(text)\", got: \(diagnostics.map(\.message))",
            sourceLocation: sourceLocation)
        return matches.first
    }
}

/// `(line, column)` of a diagnostic, for compact expectations.
func position(_ diagnostic: Diagnostic?) -> [Int?] {
    [diagnostic?.line, diagnostic?.column]
}

/// A valid config head: two practices, three roles, Healthie on. Staff entries
/// appended to it start at line 18.
let clinicHead = """
    version: 1
    systems:
      athena:
        practices:
          main: { practiceid: 195900, departments: [Main Clinic, Pediatrics, Lab] }
          north: { practiceid: 195901, departments: [North Clinic] }
      healthie: {}
    roles:
      physician:
        athena: { usertype: PROVIDER }
        healthie: { org_role: Standard, provider: true }
      nurse:
        athena: { usertype: STAFF }
        healthie: { org_role: Support }
      front-desk:
        athena: { usertype: STAFF }
    staff:

    """
