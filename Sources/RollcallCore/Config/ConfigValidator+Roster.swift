/// `roster`: one section in the whole config, naming roles and practices the config has.
extension ConfigValidator {
    mutating func validateRoster(practices: [Practice], roles: [String: Role]) -> RosterSettings? {
        guard let roster = source.rosters.first else { return nil }
        for extra in source.rosters.dropFirst() {
            error("'roster' is given again; it was first given at \(roster.declaredAt)", at: extra.declaredAt)
        }
        let practicesByKey = Dictionary(practices.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let roleNames = roles.keys.sorted()
        reportRemapped(roster.roles.map(\.title), what: "job title")
        reportRemapped(roster.locations.map(\.name), what: "location")
        var titles: [String: String?] = [:]
        for (title, role) in roster.roles {
            let key = RosterSettings.lookupKey(title.value)
            if let role, roles[role.value] == nil {
                error(
                    "roster.roles maps '\(title.value)' to role '\(role.value)', which is not defined"
                        + Suggestion.phrase(for: role.value, in: roleNames),
                    at: role.location, hint: "name a role under `roles:`, or `none` for no accounts")
            }
            // updateValue: assigning nil through the subscript would remove the title, and `none` is a value.
            titles.updateValue(role?.value, forKey: key)
        }
        var locations: [String: [RosterPlacement]?] = [:]
        for (name, placements) in roster.locations {
            let key = RosterSettings.lookupKey(name.value)
            for placement in placements ?? [] {
                guard let practice = practicesByKey[placement.practice.value] else {
                    error(
                        "roster.locations maps '\(name.value)' to practice '\(placement.practice.value)', which is not "
                            + "declared under systems.athena.practices"
                            + Suggestion.phrase(for: placement.practice.value, in: practices.map(\.key)),
                        at: placement.practice.location)
                    continue
                }
                for department in placement.departments where !practice.departments.contains(department.value) {
                    error(
                        "department '\(department.value)' is not declared for practice '\(practice.key)'"
                            + Suggestion.phrase(for: department.value, in: practice.departments),
                        at: department.location,
                        hint: "practice '\(practice.key)' declares: \(practice.departments.joined(separator: ", "))")
                }
            }
            locations.updateValue(
                placements.map { list in
                    list.map { RosterPlacement(practice: $0.practice.value, departments: $0.departments.map(\.value)) }
                }, forKey: key)
        }
        guard let file = roster.file, let key = roster.key else { return nil }
        var settings = RosterSettings(
            file: file.value, declaredIn: roster.declaredAt.file, declaredAt: roster.declaredAt, key: key.value,
            columns: roster.columns.mapValues(\.value), statuses: roster.statuses ?? RosterSettings.defaultStatuses,
            dateFormat: roster.dateFormat, onLeave: roster.onLeave,
            username: roster.username?.value ?? RosterSettings.defaultUsername, roles: titles, locations: locations)
        settings.timeZone = roster.timeZone ?? .utc
        return settings
    }

    /// A title or location given twice, as the lookup compares them (ignoring case and surrounding space).
    private mutating func reportRemapped(_ names: [Located<String>], what: String) {
        reportDuplicates(names.map { (RosterSettings.lookupKey($0.value), $0.location) }) { name, first in
            "\(what) '\(name)' is mapped again (\(what)s ignore case and surrounding space); it was first mapped "
                + "at \(first)"
        }
    }
}
