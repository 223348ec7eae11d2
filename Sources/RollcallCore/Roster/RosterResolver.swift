/// The HR export made into staff entries: each row a person keyed by the export's employee
/// id, with the role their job title maps to, the practices and departments their location
/// maps to, a username from `roster.username`, and their lifecycle (`starts`, `expires`,
/// offboarded, suspended) from their status and dates.
///
/// A YAML entry with `roster_id` refines its row: its own fields win for access (role,
/// practices with usernames, userids, departments and supervisors, npi); the row supplies the
/// lifecycle and, where the entry leaves them out, names and email; the stricter status wins.
///
/// What cannot be resolved is held back, never guessed (`RosterLink.heldBack`): an unmapped
/// title or location, a username the roster makes twice, a provider without a valid NPI, an
/// email another row or entry has. A held-back person's accounts are neither changed nor
/// treated as unmanaged. Bad input (a broken file, a missing header, a duplicate key, a date or
/// status that does not read, an invalid email) is an error at its line and column instead.
///
/// Pure: the config and the export's bytes in; the config with its roster people, or errors, out.
public enum RosterResolver {
    public struct Outcome: Sendable {
        public var config: Config?
        public var diagnostics: [Diagnostic]

        public init(config: Config?, diagnostics: [Diagnostic]) {
            self.config = config
            self.diagnostics = diagnostics
        }
    }

    public static func resolve(_ config: Config, export bytes: [UInt8], path: String) -> Outcome {
        guard let roster = config.roster else { return Outcome(config: config, diagnostics: []) }
        var reader = RosterRows(roster: roster, path: path)
        let rows = reader.read(bytes)
        var diagnostics = reader.diagnostics
        let yamlIDs = Dictionary(
            config.staff.filter { $0.rosterID == nil }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in rows {
            if let entry = yamlIDs[row.key] {
                diagnostics.append(
                    .error(
                        "staff id '\(row.key)' of the entry here is also the roster key of \(path):\(row.line); "
                            + "a roster person's staff id is their key",
                        at: entry.declaredAt, hint: "refine the roster person with `roster_id: \"\(row.key)\"` instead")
                )
            }
        }
        guard !diagnostics.contains(where: \.isError) else { return Outcome(config: nil, diagnostics: diagnostics) }
        let people = RosterPeople(config: config, roster: roster, rows: rows)
        var resolved = config
        resolved.staff = people.members()
        return Outcome(config: resolved, diagnostics: diagnostics)
    }
}

/// One row of the export, read and checked: its key, lifecycle, dates and the text fields.
struct RosterRow: Sendable {
    var line: Int
    var key: String
    var firstName: String
    var lastName: String
    var email: String?
    var lifecycle: RosterLifecycle
    var jobTitle: String
    var location: String
    var hireDate: CalendarDate?
    var terminationDate: CalendarDate?
    /// Seconds after midnight access ends on the termination date (`termination_time`).
    var terminationTime: Int?
    var npi: String?
}

/// Reads the export into rows, reporting every bad value at its line and column.
struct RosterRows {
    let roster: RosterSettings
    let path: String
    var diagnostics: [Diagnostic] = []
    /// Each status value, in lower case, to its lifecycle.
    let lifecycles: [String: RosterLifecycle]

    init(roster: RosterSettings, path: String) {
        self.roster = roster
        self.path = path
        var lifecycles: [String: RosterLifecycle] = [:]
        for lifecycle in RosterLifecycle.allCases {
            for value in roster.statuses[lifecycle] ?? [] where lifecycles[value.lowercased()] == nil {
                lifecycles[value.lowercased()] = lifecycle
            }
        }
        self.lifecycles = lifecycles
    }

    mutating func error(_ message: String, line: Int, column: Int, hint: String? = nil) {
        diagnostics.append(.error(message, at: SourceLocation(file: path, line: line, column: column), hint: hint))
    }

    mutating func read(_ bytes: [UInt8]) -> [RosterRow] {
        let table: CSVTable
        switch CSVTable.parse(bytes) {
        case .success(let parsed): table = parsed
        case .failure(let problem):
            error(problem.message, line: problem.line, column: problem.column)
            return []
        }
        let headers = table.header.fields.map { $0.value.trimmedSpace }
        var index: [String: Int] = [:]
        for (position, header) in headers.enumerated() where index[header] == nil { index[header] = position }
        let found = headers.joined(separator: ", ")
        /// The header's column, or nil (reported) when the export has no such header.
        func column(_ name: String, place: String) -> Int? {
            guard let position = index[name] else {
                error(
                    "the column '\(name)' (\(place)) is not in the header", line: table.header.line, column: 1,
                    hint: "the header has: \(found)")
                return nil
            }
            return position
        }
        let keyColumn = column(roster.key, place: "roster.key")
        // Each mapped field's column, in `allCases` order, found once for the whole export.
        let positions = RosterField.allCases.map { field in
            roster.columns[field].flatMap { column($0, place: "roster.columns.\(field.rawValue)") }
        }
        guard let keyColumn, diagnostics.isEmpty else { return [] }
        var rows: [RosterRow] = []
        rows.reserveCapacity(table.rows.count)
        var keys: [String: Int] = [:]
        keys.reserveCapacity(table.rows.count)
        for row in table.rows {
            func field(_ name: RosterField) -> CSVTable.Field? {
                RosterField.allCases.firstIndex(of: name).flatMap { positions[$0] }.map { row.fields[$0] }
            }
            func value(_ name: RosterField) -> String {
                field(name)?.value.trimmedSpace ?? ""
            }
            let keyField = row.fields[keyColumn]
            let key = keyField.value.trimmedSpace
            guard !key.isEmpty else {
                error("the row has no \(roster.key)", line: keyField.line, column: keyField.column)
                continue
            }
            if let first = keys[key] {
                error(
                    "\(roster.key) '\(key)' is on two rows; it was first on line \(first)", line: keyField.line,
                    column: keyField.column, hint: "each person is one row")
                continue
            }
            keys[key] = row.line
            guard let lifecycle = lifecycle(field(.status)) else { continue }
            let email = value(.email)
            if !email.isEmpty, let problem = EmailAddress.problem(with: email), let at = field(.email) {
                error("email '\(email)' of \(key) is malformed: \(problem)", line: at.line, column: at.column)
                continue
            }
            let hire = date(field(.hireDate), of: key)
            let termination = date(field(.terminationDate), of: key)
            if hire == .some(nil) || termination == .some(nil) { continue }
            let time = timeOfDay(field(.terminationTime))
            if time == .some(nil) { continue }
            let npi = value(.npi)
            rows.append(
                RosterRow(
                    line: row.line, key: key, firstName: value(.firstName), lastName: value(.lastName),
                    email: email.isEmpty ? nil : email, lifecycle: lifecycle, jobTitle: value(.jobTitle),
                    location: value(.location), hireDate: hire ?? nil, terminationDate: termination ?? nil,
                    terminationTime: time ?? nil, npi: npi.isEmpty ? nil : npi))
        }
        return rows
    }

    private mutating func lifecycle(_ field: CSVTable.Field?) -> RosterLifecycle? {
        guard let field else { return nil }
        let value = field.value.trimmedSpace
        if let lifecycle = lifecycles[value.lowercased()] { return lifecycle }
        let listed = RosterLifecycle.allCases.compactMap { lifecycle in
            roster.statuses[lifecycle].map { "\(lifecycle.rawValue): \($0.joined(separator: ", "))" }
        }
        error(
            "status '\(value)' is not in roster.statuses", line: field.line, column: field.column,
            hint: "roster.statuses lists \(listed.joined(separator: "; ")); add the value to one of them")
        return nil
    }

    /// nil when the field is absent or empty; `.some(nil)` when it does not read (reported).
    private mutating func timeOfDay(_ field: CSVTable.Field?) -> Int?? {
        guard let field else { return nil }
        let text = field.value.trimmedSpace
        if text.isEmpty { return nil }
        guard let seconds = TimeOfDay.seconds(text) else {
            error(
                "'\(text)' is not a time of day (roster.columns.termination_time)", line: field.line,
                column: field.column, hint: "write it as 17:00, 17:00:00 or 5:00 PM")
            return .some(nil)
        }
        return .some(seconds)
    }

    /// nil when the field is absent or empty; `.some(nil)` when it does not read (reported).
    private mutating func date(_ field: CSVTable.Field?, of key: String) -> CalendarDate?? {
        guard let field else { return nil }
        let text = field.value.trimmedSpace
        if text.isEmpty { return nil }
        guard let date = roster.dateFormat.date(text) else {
            error(
                "'\(text)' is not a date in \(roster.dateFormat.rawValue) (roster.date_format)", line: field.line,
                column: field.column)
            return .some(nil)
        }
        return .some(date)
    }
}
