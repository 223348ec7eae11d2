/// `rollcall import` of a config with a `roster`: each live person linked to their row of
/// the HR export by email (ignoring case), and the mapping inferred from who holds what:
/// a job title maps to the role most of its linked holders have, a location to the
/// practices and departments most of its linked people have.
public struct ImportedRoster: Sendable, Equatable {
    /// The roster section of the config imported from, its file as the written config names it.
    public var settings: RosterSettings
    public var roles: [TitleMapping]
    package var locations: [LocationMapping]
    /// Rows no live account was linked to, as `hr/roster.csv:14 (1042, …)`.
    var unlinked: [String]
    /// The safety rails of the config imported from: a roster-driven clinic's `unmanaged`
    /// and `max_deactivations` belong with its roster, so the written config keeps them.
    public var policy: Policy

    public struct TitleMapping: Sendable, Equatable {
        package var title: String
        package var role: String
        package var holders: Int
    }

    package struct LocationMapping: Sendable, Equatable {
        package var name: String
        var placements: [RosterPlacement]
        package var holders: Int
    }

    /// Links `draft`'s entries to the roster `people` (the resolved roster staff) and infers
    /// the mapping; `file` is the export's path as the written config will name it.
    package static func link(
        _ draft: ImportDraft, roster: RosterSettings, people: [StaffMember], file: String, policy: Policy
    ) -> ImportDraft {
        var draft = draft
        var byEmail: [String: Int] = [:]
        for (index, entry) in draft.staff.enumerated() {
            if let email = entry.email { byEmail[EmailAddress.normalized(email)] = index }
        }
        var titles: [String: (title: String, roles: [String: Int])] = [:]
        var locations: [String: (name: String, signatures: [[RosterPlacement]: Int])] = [:]
        var unlinked: [String] = []
        for person in people {
            guard let link = person.roster else { continue }
            guard let email = person.email, let index = byEmail[EmailAddress.normalized(email)] else {
                unlinked.append(link.description)
                continue
            }
            draft.staff[index].rosterID = link.key
            let entry = draft.staff[index]
            if let title = link.jobTitle, let role = entry.role, entry.status == .active {
                let key = RosterSettings.lookupKey(title)
                titles[key, default: (title, [:])].roles[role, default: 0] += 1
            }
            if let location = link.location, entry.status == .active, !entry.practices.isEmpty {
                let placements = entry.practices.map {
                    RosterPlacement(practice: $0.practice, departments: ($0.departments ?? []).sorted())
                }.sorted { $0.practice < $1.practice }
                let key = RosterSettings.lookupKey(location)
                locations[key, default: (location, [:])].signatures[placements, default: 0] += 1
            }
        }
        var settings = roster
        settings.file = file
        draft.roster = ImportedRoster(
            settings: settings,
            roles: titles.values.compactMap { title, roles in
                majority(roles).map { TitleMapping(title: title, role: $0.value, holders: $0.count) }
            }.sorted { $0.title < $1.title },
            locations: locations.values.compactMap { name, signatures in
                majority(signatures).map { LocationMapping(name: name, placements: $0.value, holders: $0.count) }
            }.sorted { $0.name < $1.name },
            unlinked: unlinked, policy: policy)
        return draft
    }

    /// The value most counted, ties to the one that sorts first, so the same clinic imports alike.
    private static func majority<Value: Hashable>(_ counts: [Value: Int]) -> (value: Value, count: Int)? {
        counts.max { left, right in
            left.value != right.value ? left.value < right.value : "\(left.key)" > "\(right.key)"
        }.map { ($0.key, $0.value) }
    }
}
