/// `roster`: the HR export's place, its columns and statuses, and the reviewed mapping from
/// job titles to roles and from locations to practices and departments.
extension ConfigDecoder {
    mutating func decodeRoster(_ entry: YAMLMappingEntry) -> SourceRoster? {
        guard let fields = mapping(entry, keys: RosterKey.self, place: "roster") else { return nil }
        var roster = SourceRoster(declaredAt: entry.keyLocation(in: file))
        roster.file = fields[.file].flatMap { text($0) }
        if fields[.file] == nil {
            error("'roster' has no 'file'", at: roster.declaredAt, hint: "name the export: file: hr/roster.csv")
        }
        roster.key = fields[.key].flatMap { text($0) }
        if fields[.key] == nil {
            error(
                "'roster' has no 'key'", at: roster.declaredAt,
                hint: "name the column that names a person, such as key: Employee ID")
        }
        if let columnsEntry = fields[.columns],
            let columns = mapping(columnsEntry, keys: RosterField.self, place: "roster.columns")
        {
            for field in RosterField.allCases {
                if let header = columns[field].flatMap({ text($0) }) { roster.columns[field] = header }
            }
            for field in RosterField.required where columns[field] == nil {
                error(
                    "roster.columns has no '\(field.rawValue)'", at: columnsEntry.keyLocation(in: file),
                    hint:
                        "name the export's header for each of \(RosterField.required.map(\.rawValue).joined(separator: ", "))"
                )
            }
        } else if fields[.columns] == nil {
            error(
                "'roster' has no 'columns'", at: roster.declaredAt,
                hint: "map each field to the export's header, such as first_name: First Name")
        }
        if let statusesEntry = fields[.statuses],
            let statuses = mapping(statusesEntry, keys: RosterLifecycle.self, place: "roster.statuses")
        {
            var values: [RosterLifecycle: [String]] = [:]
            var seen: [String: SourceLocation] = [:]
            for lifecycle in RosterLifecycle.allCases {
                guard let list = statuses[lifecycle] else { continue }
                let named = textList(list, example: "[Active]")
                for value in named {
                    let folded = value.value.lowercased()
                    if let first = seen[folded] {
                        error(
                            "status '\(value.value)' is listed twice; it was first listed at \(first)",
                            at: value.location)
                    }
                    seen[folded] = value.location
                }
                values[lifecycle] = named.map(\.value)
            }
            if values[.active] == nil {
                error(
                    "roster.statuses has no 'active'", at: statusesEntry.keyLocation(in: file),
                    hint: "list the export's values for people at work, such as active: [Active]")
            }
            roster.statuses = values
        }
        if let format = fields[.dateFormat].flatMap({ choice($0, as: RosterDateFormat.self) }) {
            roster.dateFormat = format.value
        }
        if let leave = fields[.onLeave].flatMap({ choice($0, as: RosterLeavePolicy.self) }) {
            roster.onLeave = leave.value
        }
        if let zone = fields[.timeZone].flatMap({ text($0) }) {
            if let timeZone = ClinicTimeZone(identifier: zone.value) {
                roster.timeZone = timeZone
            } else {
                error(
                    "roster.time_zone '\(zone.value)' is not a time zone", at: zone.location,
                    hint: "name one as the IANA database does, such as America/New_York, or UTC")
            }
        }
        if let pattern = fields[.username].flatMap({ text($0) }) {
            if let problem = RosterUsername.problem(with: pattern.value) {
                error(
                    "roster.username '\(pattern.value)' \(problem)", at: pattern.location,
                    hint: "tokens: {first} {last} {f} {l} {id}; for example {f}{last}")
            } else {
                roster.username = pattern
            }
        }
        if let rolesEntry = fields[.roles],
            let titles = namedEntries(rolesEntry, of: "job titles to role names", example: "Physician: physician")
        {
            for title in titles {
                guard let role = text(title) else { continue }
                let name = Located(title.key, at: title.keyLocation(in: file))
                roster.roles.append((name, role.value == "none" ? nil : role))
            }
        }
        if let locationsEntry = fields[.locations],
            let locations = namedEntries(
                locationsEntry, of: "locations to practices", example: "Main Street: { main: [Main Clinic] }")
        {
            for location in locations {
                let name = Located(location.key, at: location.keyLocation(in: file))
                if case .scalar(let scalar) = location.value.content, scalar.text == "none" {
                    roster.locations.append((name, nil))
                    continue
                }
                guard
                    let practices = namedEntries(
                        location, of: "practice keys to department lists, or none", example: "{ main: [Main Clinic] }")
                else { continue }
                let placements = practices.map { practice in
                    SourceRosterPlacement(
                        practice: Located(practice.key, at: practice.keyLocation(in: file)),
                        departments: textList(practice, example: "[Main Clinic]"))
                }
                roster.locations.append((name, placements))
            }
        }
        return roster
    }
}
