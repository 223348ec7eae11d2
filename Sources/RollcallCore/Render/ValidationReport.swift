import Foundation

/// The outcome of `rollcall validate` over one or more config paths.
public struct ValidationReport: Sendable {
    /// One config path and what it holds, when it loaded.
    public struct Checked: Sendable, Codable, Equatable {
        public var path: String
        public var valid: Bool
        public var practices: Int
        public var roles: Int
        public var staff: Int

        public init(path: String, result: ConfigLoader.Result) {
            self.path = path
            self.valid = !result.hasErrors
            self.practices = result.config?.athena?.practices.count ?? 0
            self.roles = result.config?.roles.count ?? 0
            self.staff = result.config?.staff.count ?? 0
        }
    }

    public var checked: [Checked]
    public var diagnostics: [Diagnostic]

    public init(checked: [Checked], diagnostics: [Diagnostic]) {
        self.checked = checked
        self.diagnostics = diagnostics
    }

    var errorCount: Int { diagnostics.filter(\.isError).count }
    var warningCount: Int { diagnostics.count - errorCount }
    public var isValid: Bool { errorCount == 0 }

    /// One line for people: what was checked and how it went.
    public var summary: String {
        let counts = "\(counted(errorCount, "error")), \(counted(warningCount, "warning"))"
        guard isValid else {
            let invalid = checked.filter { !$0.valid }.map(\.path)
            return "Invalid: \(invalid.joined(separator: ", ")) (\(counts))."
        }
        let described = checked.map { item in
            "\(item.path) (\(counted(item.practices, "practice")), \(counted(item.roles, "role")), "
                + "\(counted(item.staff, "staff member")))"
        }
        return "Valid: \(described.joined(separator: "; ")), \(counted(warningCount, "warning"))."
    }

    /// A versioned JSON document for editors and CI; its keys are listed in README (`rollcall validate`).
    public func json() throws -> Data {
        struct Document: Encodable {
            var formatVersion = 1
            var valid: Bool
            var errorCount: Int
            var warningCount: Int
            var configs: [Checked]
            var diagnostics: [Item]
        }
        struct Item: Encodable {
            var severity: String
            var file: String?
            var line: Int?
            var column: Int?
            var message: String
            var hint: String?
        }
        let document = Document(
            valid: isValid, errorCount: errorCount, warningCount: warningCount, configs: checked,
            diagnostics: diagnostics.map {
                Item(
                    severity: $0.severity.rawValue, file: $0.file, line: $0.line, column: $0.column,
                    message: $0.message, hint: $0.hint)
            })
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
