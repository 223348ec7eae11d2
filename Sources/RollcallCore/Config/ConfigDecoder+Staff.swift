/// The staff list decoded entry by entry as the parser completes each, so a large config's
/// entries are never all held as YAML nodes at once, only as the staff they decode to.
struct StaffListStream: YAMLListStream {
    var decoder: ConfigDecoder
    var key: String { RootKey.staff.rawValue }

    mutating func take(_ item: YAMLNode, number: Int) {
        if let person = decoder.decodeStaff(item, number: number) { decoder.streamedStaff.append(person) }
    }
}

extension ConfigDecoder {
    mutating func decodeStaffList(_ entry: YAMLMappingEntry) -> [SourceStaff] {
        guard let items = list(entry, example: "[{ id: jane.doe, first_name: Jane, ... }]") else { return [] }
        // A streamed list's node holds no items; a list written through an alias was not streamed.
        if items.isEmpty { return streamedStaff }
        return items.enumerated().compactMap { index, item in decodeStaff(item, number: index + 1) }
    }

    fileprivate mutating func decodeStaff(_ node: YAMLNode, number: Int) -> SourceStaff? {
        let at = node.location(in: file)
        guard case .mapping(let entries) = node.content else {
            error(
                "each staff entry must be a mapping, but entry #\(number) is \(node.kindDescription)", at: at,
                hint: "start each entry with `- id: ...`")
            return nil
        }
        // Each key read as the schema's once, here: for the id first, then for every field.
        let keys = StaffKey.keys(of: entries)
        let idPosition = keys.firstIndex(of: .id)
        let rosterPosition = keys.firstIndex(of: .rosterID)
        var staff = SourceStaff(declaredAt: at, id: idPosition.flatMap { text(entries[$0]) })
        staff.rosterID = rosterPosition.flatMap { text(entries[$0]) }
        if let id = staff.id {
            checkName(id, what: "staff id")
        } else if idPosition == nil, let rosterID = staff.rosterID {
            // An entry refining a roster person may leave out `id`: the roster key is the staff id.
            checkName(rosterID, what: "roster_id")
            staff.id = rosterID
        } else if idPosition == nil, rosterPosition == nil {
            error(
                "staff entry #\(number) has no 'id'", at: at,
                hint: "give each person a stable id such as jane.doe, or `roster_id` for a person of the roster")
        }
        let id = staff.id
        // Words for a message, built only when there is one.
        var place: String { id.map { "staff '\($0.value)'" } ?? "staff entry #\(number)" }
        let fields = fields(node, entries, keys: keys, place: place, key: "staff")
        staff.firstName = fields[.firstName].flatMap { text($0) }
        staff.lastName = fields[.lastName].flatMap { text($0) }
        staff.role = fields[.role].flatMap { text($0) }
        staff.status = fields[.status].flatMap { choice($0, as: StaffStatus.self) }
        staff.written = fields.written
        if let email = fields[.email].flatMap({ text($0) }) {
            if let problem = EmailAddress.problem(with: email.value) {
                error("email '\(email.value)' of \(place) is malformed: \(problem)", at: email.location)
            } else {
                staff.email = email
            }
        }
        if let npi = fields[.npi].flatMap({ text($0) }) {
            if let problem = NPI.problem(with: npi.value) {
                error("NPI '\(npi.value)' of \(place) is not valid: \(problem)", at: npi.location)
            } else {
                staff.npi = npi
            }
        }
        if let expires = fields[.expires].flatMap({ text($0) }) {
            if let date = CalendarDate(iso: expires.value) {
                staff.expires = Located(date, at: expires.location)
            } else {
                error(
                    "'expires' of \(place) is '\(expires.value)', which is not a date", at: expires.location,
                    hint: "write the last day of access as YYYY-MM-DD, such as 2026-12-31")
            }
        }
        if let endedAt = fields[.endedAt].flatMap({ text($0) }) {
            if let instant = Timestamp(iso: endedAt.value) {
                staff.endedAt = Located(instant, at: endedAt.location)
            } else {
                error(
                    "'ended_at' of \(place) is '\(endedAt.value)', which is not a time with its offset",
                    at: endedAt.location,
                    hint: "write when employment ended as ISO 8601 with the offset, such as 2026-02-27T17:00:00-05:00")
            }
        }
        if let practicesEntry = fields[.practices] {
            staff.practices = decodeAssignments(practicesEntry, place: place)
        }
        return staff
    }

    private mutating func decodeAssignments(
        _ entry: YAMLMappingEntry, place: @autoclosure () -> String
    ) -> [SourceAssignment] {
        guard
            let entries = namedEntries(
                entry, of: "practice names to accounts",
                example: "practices: { main: { username: jdoe, departments: [Main Clinic] } }")
        else { return [] }
        var assignments: [SourceAssignment] = []
        for position in entries.indices {
            let practiceEntry = entries[position]
            let practice = Located(practiceEntry.key, at: practiceEntry.keyLocation(in: file))
            var scope: String { "\(place()) in practice '\(practice.value)'" }
            guard let fields = mapping(practiceEntry, keys: AssignmentKey.self, place: scope) else { continue }
            var assignment = SourceAssignment(
                practice: practice, username: fields[.username].flatMap { text($0) },
                departments: fields[.departments].map { textList($0, example: "[Main Clinic]") } ?? [],
                supervising: fields[.supervising].flatMap { text($0) })
            if fields[.username] == nil {
                error(
                    "\(scope) has no 'username'", at: practice.location,
                    hint: "the username is how Rollcall finds the athenaOne account")
            }
            if let userIDEntry = fields[.userid], let userID = integer(userIDEntry) {
                if userID.value > 0 {
                    assignment.userID = userID
                } else {
                    error("'userid' must be a positive number, not \(userID.value)", at: userID.location)
                }
            }
            assignments.append(assignment)
        }
        return assignments
    }
}
