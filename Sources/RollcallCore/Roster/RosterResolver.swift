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
package enum RosterResolver {
    package struct Outcome: Sendable {
        package var config: Config?
        package var diagnostics: [Diagnostic]

        package init(config: Config?, diagnostics: [Diagnostic]) {
            self.config = config
            self.diagnostics = diagnostics
        }
    }

    package static func resolve(_ config: Config, export bytes: [UInt8], path: String) -> Outcome {
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
    /// Each status value, in lower case and as written, to its lifecycle.
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
        // Each value also as written, so an export that spells it the same way needs no lower-casing.
        for lifecycle in RosterLifecycle.allCases {
            for value in roster.statuses[lifecycle] ?? [] where lifecycles[value] == nil {
                lifecycles[value] = lifecycles[value.lowercased()]
            }
        }
        self.lifecycles = lifecycles
    }

    mutating func error(_ message: String, line: Int, column: Int, hint: String? = nil) {
        diagnostics.append(.error(message, at: SourceLocation(file: path, line: line, column: column), hint: hint))
    }

    /// The rows of the export; a problem with the file itself (a broken quote, a row of the
    /// wrong width, bad UTF-8) is then the only diagnostic, as it makes every later place moot.
    mutating func read(_ bytes: [UInt8]) -> [RosterRow] {
        var scanner = CSVScanner(bytes)
        var fields: [CSVScanner.Field] = []
        var rows: [RosterRow] = []
        do throws(CSVTable.Problem) {
            try scanner.checkEncoding()
            guard let headerLine = try scanner.next(into: &fields) else {
                throw CSVTable.Problem(message: "the file is empty: it has no header row", line: 1, column: 1)
            }
            let width = fields.count
            let columns = self.columns(header: fields.map { scanner.trimmedValue($0) }, line: headerLine)
            rows.reserveCapacity(bytes.count / 64)
            var keys: [String: Int] = [:]
            keys.reserveCapacity(bytes.count / 64)
            while let line = try scanner.next(into: &fields) {
                if let problem = CSVTable.widthProblem(fields.count, header: width, line: line) { throw problem }
                guard let columns else { continue }
                if let row = row(fields, line: line, columns: columns, scanner: scanner, keys: &keys) {
                    rows.append(row)
                }
            }
        } catch {
            diagnostics = []
            self.error(error.message, line: error.line, column: error.column)
            return []
        }
        return diagnostics.isEmpty ? rows : []
    }

    /// Where each mapped header is, or nil (each missing one reported) when one is not there.
    private mutating func columns(header: [String], line: Int) -> RosterColumns? {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        var missing = false
        func column(_ name: String?, place: String) -> Int? {
            guard let name else { return nil }
            guard let position = index[name] else {
                error(
                    "the column '\(name)' (\(place)) is not in the header", line: line, column: 1,
                    hint: "the header has: \(header.joined(separator: ", "))")
                missing = true
                return nil
            }
            return position
        }
        let key = column(roster.key, place: "roster.key")
        func mapped(_ field: RosterField) -> Int? {
            column(roster.columns[field], place: "roster.columns.\(field.rawValue)")
        }
        let columns = RosterColumns(
            key: key ?? 0, firstName: mapped(.firstName), lastName: mapped(.lastName), email: mapped(.email),
            status: mapped(.status), jobTitle: mapped(.jobTitle), location: mapped(.location),
            hireDate: mapped(.hireDate), terminationDate: mapped(.terminationDate), npi: mapped(.npi),
            terminationTime: mapped(.terminationTime))
        return missing ? nil : columns
    }

    private mutating func row(
        _ fields: [CSVScanner.Field], line: Int, columns: RosterColumns, scanner: CSVScanner,
        keys: inout [String: Int]
    ) -> RosterRow? {
        func value(_ column: Int?) -> String {
            column.map { scanner.trimmedValue(fields[$0]) } ?? ""
        }
        func place(_ column: Int?) -> (line: Int, column: Int) {
            column.map { (fields[$0].line, scanner.column(fields[$0])) } ?? (line, 1)
        }
        let key = value(columns.key)
        guard !key.isEmpty else {
            let at = place(columns.key)
            error("the row has no \(roster.key)", line: at.line, column: at.column)
            return nil
        }
        if let first = keys.updateValue(line, forKey: key) {
            keys[key] = first
            let at = place(columns.key)
            error(
                "\(roster.key) '\(key)' is on two rows; it was first on line \(first)", line: at.line,
                column: at.column, hint: "each person is one row")
            return nil
        }
        guard let status = columns.status else { return nil }
        let statusText = value(status)
        guard let lifecycle = lifecycles[statusText] ?? lifecycles[statusText.lowercased()] else {
            let at = place(status)
            let listed = RosterLifecycle.allCases.compactMap { lifecycle in
                roster.statuses[lifecycle].map { "\(lifecycle.rawValue): \($0.joined(separator: ", "))" }
            }
            error(
                "status '\(statusText)' is not in roster.statuses", line: at.line, column: at.column,
                hint: "roster.statuses lists \(listed.joined(separator: "; ")); add the value to one of them")
            return nil
        }
        let email = value(columns.email)
        if !email.isEmpty, let problem = EmailAddress.problem(with: email) {
            let at = place(columns.email)
            error("email '\(email)' of \(key) is malformed: \(problem)", line: at.line, column: at.column)
            return nil
        }
        let hire = date(value(columns.hireDate), at: place(columns.hireDate))
        let termination = date(value(columns.terminationDate), at: place(columns.terminationDate))
        if hire == .some(nil) || termination == .some(nil) { return nil }
        let time = timeOfDay(value(columns.terminationTime), at: place(columns.terminationTime))
        if time == .some(nil) { return nil }
        let npi = value(columns.npi)
        return RosterRow(
            line: line, key: key, firstName: value(columns.firstName), lastName: value(columns.lastName),
            email: email.isEmpty ? nil : email, lifecycle: lifecycle, jobTitle: value(columns.jobTitle),
            location: value(columns.location), hireDate: hire ?? nil, terminationDate: termination ?? nil,
            terminationTime: time ?? nil, npi: npi.isEmpty ? nil : npi)
    }

    /// nil when the field is absent or empty; `.some(nil)` when it does not read (reported).
    private mutating func timeOfDay(_ text: String, at place: @autoclosure () -> (line: Int, column: Int)) -> Int?? {
        if text.isEmpty { return nil }
        guard let seconds = TimeOfDay.seconds(text) else {
            let at = place()
            error(
                "'\(text)' is not a time of day (roster.columns.termination_time)", line: at.line,
                column: at.column, hint: "write it as 17:00, 17:00:00 or 5:00 PM")
            return .some(nil)
        }
        return .some(seconds)
    }

    /// nil when the field is absent or empty; `.some(nil)` when it does not read (reported).
    private mutating func date(_ text: String, at place: @autoclosure () -> (line: Int, column: Int)) -> CalendarDate??
    {
        if text.isEmpty { return nil }
        guard let date = roster.dateFormat.date(text) else {
            let at = place()
            error(
                "'\(text)' is not a date in \(roster.dateFormat.rawValue) (roster.date_format)", line: at.line,
                column: at.column)
            return .some(nil)
        }
        return .some(date)
    }
}

/// Where each mapped field sits in a row, found once for the whole export.
struct RosterColumns {
    var key: Int
    var firstName, lastName, email, status, jobTitle, location: Int?
    var hireDate, terminationDate, npi, terminationTime: Int?
}
