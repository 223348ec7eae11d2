/// Writes an `ImportDraft` as config files: the YAML through libyaml's emitter, the
/// comments (why an account is protected, why an entry is kept apart, that a role was
/// inferred) between its blocks.
package struct ImportWriter: Sendable {
    package enum Layout: Sendable {
        /// `systems.yaml`, `policy.yaml`, `roles.yaml` and `staff.yaml`, the split the examples use.
        case directory
        /// Everything in one file.
        case singleFile(name: String)
    }

    /// What each file's yaml-language-server line points at.
    package var schemaReference: String

    package init(schemaReference: String) {
        self.schemaReference = schemaReference
    }

    /// The files, by name within the output, in the order they are written.
    package func files(_ draft: ImportDraft, layout: Layout) throws(YAMLEmitter.Failure) -> [(
        name: String, text: String
    )] {
        switch layout {
        case .directory:
            var systems = header("The systems Rollcall reads, as `rollcall import` found them.")
            try writeSystems(draft, to: &systems)
            var policy = header("Safety rails. The defaults, plus every account the import could not describe.")
            try writePolicy(draft, to: &policy)
            var roles = header(Self.rolesIntroduction)
            try writeRoles(draft, to: &roles)
            var staff = header("One entry per person; every athenaOne account is pinned by its userid.")
            try writeStaff(draft, to: &staff)
            var files = [
                ("systems.yaml", systems.text), ("policy.yaml", policy.text), ("roles.yaml", roles.text),
                ("staff.yaml", staff.text),
            ]
            if let roster = draft.roster {
                var document = header(Self.rosterIntroduction)
                try writeRoster(roster, to: &document)
                files.insert(("roster.yaml", document.text), at: 3)
            }
            return files
        case .singleFile(let name):
            var document = header("A live clinic as `rollcall import` found it.")
            try writeSystems(draft, to: &document)
            document.blankLine()
            try writePolicy(draft, to: &document)
            document.blankLine()
            document.comment(Self.rolesIntroduction)
            try writeRoles(draft, to: &document)
            document.blankLine()
            try writeStaff(draft, to: &document)
            if let roster = draft.roster {
                document.blankLine()
                document.comment(Self.rosterIntroduction)
                try writeRoster(roster, to: &document)
            }
            return [(name, document.text)]
        }
    }

    static let rolesIntroduction = """
        Roles inferred from what people hold: one role for each distinct set of access, named
        from its largest grants. Rename them and merge them as your clinic sees its jobs.
        """

    static let rosterIntroduction = """
        The HR export as the source of the staff list, as the config imported from declares it;
        entries linked to a row by email carry its roster_id. The titles and locations are
        inferred from what their linked people hold: review them, and map the rest.
        """

    private func writeRoster(_ roster: ImportedRoster, to document: inout YAMLDocument) throws(YAMLEmitter.Failure) {
        let settings = roster.settings
        document.key(RootKey.roster)
        var fields: [YAMLOutput.Entry] = [
            .init(RosterKey.file, .text(settings.file)), .init(RosterKey.key, .text(settings.key)),
            .init(
                RosterKey.columns,
                .mapping(
                    RosterField.allCases.compactMap { field in
                        settings.columns[field].map { .init(field, .text($0)) }
                    })),
            .init(
                RosterKey.statuses,
                .mapping(
                    RosterLifecycle.allCases.compactMap { lifecycle in
                        settings.statuses[lifecycle].map {
                            .init(lifecycle, .sequence($0.map(YAMLOutput.text), flow: true))
                        }
                    })),
            .init(RosterKey.dateFormat, .text(settings.dateFormat.rawValue)),
            .init(RosterKey.onLeave, .text(settings.onLeave.rawValue)),
            .init(RosterKey.username, .text(settings.username)),
        ]
        if roster.roles.isEmpty { fields.append(.init(RosterKey.roles, .mapping([], flow: true))) }
        try document.block(.mapping(fields), indent: 2)
        if !roster.roles.isEmpty {
            document.key(RosterKey.roles, indent: 2)
            for mapping in roster.roles {
                document.comment("inferred: \(counted(mapping.holders, "linked holder"))", indent: 4)
                try document.block(.mapping([.init(mapping.title, .text(mapping.role))]), indent: 4)
            }
        }
        guard !roster.locations.isEmpty else {
            try document.block(.mapping([.init(RosterKey.locations, .mapping([], flow: true))]), indent: 2)
            return
        }
        document.key(RosterKey.locations, indent: 2)
        for mapping in roster.locations {
            document.comment(
                "inferred: \(counted(mapping.holders, "linked person", plural: "linked people"))", indent: 4)
            let placements = YAMLOutput.mapping(
                mapping.placements.map {
                    .init($0.practice, .sequence($0.departments.map(YAMLOutput.text), flow: true))
                }, flow: true)
            try document.block(.mapping([.init(mapping.name, placements)]), indent: 4)
        }
    }

    private func header(_ purpose: String) -> YAMLDocument {
        var document = YAMLDocument()
        document.comment("yaml-language-server: $schema=\(schemaReference)")
        document.comment(purpose)
        return document
    }

    private func writeSystems(_ draft: ImportDraft, to document: inout YAMLDocument) throws(YAMLEmitter.Failure) {
        var systems: [YAMLOutput.Entry] = []
        if let athena = draft.athena {
            var settings: [YAMLOutput.Entry] = []
            if let url = athena.baseURL { settings.append(.init(AthenaKey.baseURL, .text(url))) }
            settings.append(
                .init(
                    AthenaKey.practices,
                    .mapping(
                        athena.practices.map { practice in
                            .init(
                                practice.key,
                                .mapping([
                                    .init(PracticeKey.practiceid, .number(practice.practiceID)),
                                    .init(
                                        PracticeKey.departments,
                                        .sequence(practice.departments.map(YAMLOutput.text), flow: true)),
                                ]))
                        })))
            systems.append(.init(SystemsKey.athena, .mapping(settings)))
        }
        if let healthie = draft.healthie {
            var settings: [YAMLOutput.Entry] = []
            if let url = healthie.baseURL { settings.append(.init(HealthieKey.baseURL, .text(url))) }
            if let id = healthie.organizationID { settings.append(.init(HealthieKey.organizationID, .text(id))) }
            if let version = healthie.apiVersion { settings.append(.init(HealthieKey.apiVersion, .text(version))) }
            if healthie.sendInviteEmail { settings.append(.init(HealthieKey.sendInviteEmail, .flag(true))) }
            systems.append(.init(SystemsKey.healthie, .mapping(settings, flow: settings.isEmpty)))
        }
        try document.block(.mapping([.init(RootKey.version, .number(1)), .init(RootKey.systems, .mapping(systems))]))
    }

    private func writePolicy(_ draft: ImportDraft, to document: inout YAMLDocument) throws(YAMLEmitter.Failure) {
        let rails = draft.roster?.policy ?? Policy.defaults
        let deactivations: YAMLOutput
        switch rails.maxDeactivations {
        case .count(let count): deactivations = .number(count)
        case .percent: deactivations = .text(rails.maxDeactivations.description)
        }
        document.key(RootKey.policy)
        try document.block(
            .mapping([
                .init(PolicyKey.unmanaged, .text(rails.unmanaged.rawValue)),
                .init(PolicyKey.maxDeactivations, deactivations),
                .init(PolicyKey.minAdmins, .number(rails.minAdmins)),
            ]), indent: 2)
        guard !draft.protected.isEmpty else { return }
        document.key(PolicyKey.protected, indent: 2)
        for entry in draft.protected {
            document.comment(entry.reason, indent: 4)
            try document.block(.sequence([.text(entry.account.description)]), indent: 4)
        }
    }

    private func writeRoles(_ draft: ImportDraft, to document: inout YAMLDocument) throws(YAMLEmitter.Failure) {
        guard !draft.roles.isEmpty else {
            try document.block(.mapping([.init(RootKey.roles, .mapping([], flow: true))]))
            return
        }
        document.key(RootKey.roles)
        for role in draft.roles {
            document.comment("inferred: \(counted(role.holders, "person", plural: "people"))", indent: 2)
            var settings: [YAMLOutput.Entry] = [.init(RoleKey.description, .text(role.description))]
            if let usertype = role.athena {
                settings.append(
                    .init(
                        RoleKey.athena, .mapping([.init(AthenaRoleKey.usertype, .text(usertype.rawValue))], flow: true))
                )
            }
            if let healthie = role.healthie {
                var membership: [YAMLOutput.Entry] = []
                if let orgRole = healthie.orgRole {
                    membership.append(.init(HealthieRoleKey.orgRole, .text(orgRole.rawValue)))
                }
                if let admin = healthie.admin { membership.append(.init(HealthieRoleKey.admin, .flag(admin))) }
                if let provider = healthie.provider {
                    membership.append(.init(HealthieRoleKey.provider, .flag(provider)))
                }
                membership.append(
                    .init(
                        HealthieRoleKey.permissions,
                        .mapping(
                            healthie.permissions.sorted { $0.key < $1.key }.map { .init($0.key, .flag($0.value)) },
                            flow: healthie.permissions.isEmpty)))
                settings.append(.init(RoleKey.healthie, .mapping(membership)))
            }
            try document.block(.mapping([.init(role.name, .mapping(settings))]), indent: 2)
        }
    }

    private func writeStaff(_ draft: ImportDraft, to document: inout YAMLDocument) throws(YAMLEmitter.Failure) {
        guard !draft.staff.isEmpty else {
            try document.block(.mapping([.init(RootKey.staff, .sequence([], flow: true))]))
            return
        }
        document.key(RootKey.staff)
        for entry in draft.staff {
            for note in entry.notes { document.comment(note, indent: 2) }
            try document.block(.sequence([Self.staffValue(entry)]), indent: 2)
        }
    }

    static func staffValue(_ entry: ImportedStaff) -> YAMLOutput {
        var fields: [YAMLOutput.Entry] = [.init(StaffKey.id, .text(entry.id))]
        if let rosterID = entry.rosterID { fields.append(.init(StaffKey.rosterID, .text(rosterID))) }
        if let first = entry.firstName { fields.append(.init(StaffKey.firstName, .text(first))) }
        if let last = entry.lastName { fields.append(.init(StaffKey.lastName, .text(last))) }
        if let email = entry.email { fields.append(.init(StaffKey.email, .text(email))) }
        if let role = entry.role { fields.append(.init(StaffKey.role, .text(role))) }
        if let npi = entry.npi { fields.append(.init(StaffKey.npi, .text(npi))) }
        if entry.status != .active { fields.append(.init(StaffKey.status, .text(entry.status.rawValue))) }
        if !entry.practices.isEmpty {
            fields.append(
                .init(
                    StaffKey.practices,
                    .mapping(
                        entry.practices.map { assignment in
                            var account: [YAMLOutput.Entry] = [
                                .init(AssignmentKey.username, .text(assignment.username)),
                                .init(AssignmentKey.userid, .number(assignment.userID)),
                            ]
                            if let departments = assignment.departments {
                                account.append(
                                    .init(
                                        AssignmentKey.departments,
                                        .sequence(departments.map(YAMLOutput.text), flow: true)))
                            }
                            if let supervising = assignment.supervising {
                                account.append(.init(AssignmentKey.supervising, .text(supervising)))
                            }
                            return .init(assignment.practice, .mapping(account, flow: true))
                        })))
        }
        return .mapping(fields)
    }
}
