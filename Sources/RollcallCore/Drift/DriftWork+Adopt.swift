/// The other remedy: the config change that would make the live value the declared one.
extension DriftWork {
    func adoptMissing(_ change: PlannedChange) -> String {
        guard let staffID = change.staffID else { return "" }
        if let practice = change.practice {
            return "remove practice \(practice) from staff \(staffID), or mark the entry status: offboarded"
        }
        let role = staffByID[staffID]?.role?.name ?? ""
        return "give staff \(staffID) a role without healthie settings (role '\(role)' has them)"
    }

    func adoptStillActive(_ change: PlannedChange) -> String {
        guard let staffID = change.staffID else { return "" }
        if staffByID[staffID]?.status == .offboarded {
            return "mark them active again:\n" + Self.staffYAML(staffID, [.init(StaffKey.status, .text("active"))])
        }
        return "extend their access:\n" + Self.staffYAML(staffID, [.init(StaffKey.expires, .text(today.description))])
            + "(any day from today)"
    }

    func adoptDeactivated(_ change: PlannedChange) -> String {
        guard let staffID = change.staffID else { return "" }
        let place = change.practice.map { "remove practice \($0) from the entry, or " } ?? ""
        return place + "mark the entry offboarded:\n"
            + Self.staffYAML(staffID, [.init(StaffKey.status, .text("offboarded"))])
    }

    func adopt(_ field: FieldChange, of change: PlannedChange) -> String {
        guard let staffID = change.staffID else { return "" }
        let role = staffByID[staffID]?.role?.name ?? "ROLE"
        switch change.operation {
        case .athenaUpdate(let practiceID, let userID, _):
            guard let practice = change.practice,
                let user = index.user(practiceID: practiceID, userID: userID)
            else { return "" }
            return adoptAthena(field.name, user: user, staffID: staffID, practice: practice, practiceID: practiceID)
        case .healthieUpdate:
            guard let value = field.before else { return "" }
            let setting: YAMLOutput.Entry
            switch field.name {
            case "org_role": setting = .init(HealthieRoleKey.orgRole, .text(value.trimmingCharacters(in: "\"")))
            case "is_admin": setting = .init(HealthieRoleKey.admin, .flag(value == "true"))
            case "is_provider": setting = .init(HealthieRoleKey.provider, .flag(value == "true"))
            default: setting = .init(HealthieRoleKey.permissions, .mapping([.init(field.name, .flag(value == "true"))]))
            }
            return "set it in role '\(role)' (every holder of the role gets it), or give staff \(staffID) "
                + "another role:\n" + Self.roleYAML(role, setting)
        case .athenaCreate, .healthieCreate:
            return ""
        }
    }

    private func adoptAthena(
        _ field: String, user: LiveAthenaUser, staffID: String, practice: String, practiceID: Int
    ) -> String {
        let value: YAMLOutput.Entry
        switch field {
        case "first_name": value = .init(StaffKey.firstName, .text(user.firstName))
        case "last_name": value = .init(StaffKey.lastName, .text(user.lastName))
        case "email": value = .init(StaffKey.email, .text(user.email ?? ""))
        case "npi": value = .init(StaffKey.npi, .text(user.npi ?? ""))
        case "user_type":
            let holders = config.roles.values.filter { $0.athena?.usertype.rawValue == user.userType }.map(\.name)
            return "give staff \(staffID) a role with usertype \(user.userType)"
                + (holders.isEmpty ? "" : " (\(holders.sorted().joined(separator: ", ")))")
        case "departments":
            let names = index.departments(practiceID: practiceID)
            let departments = user.departmentIDs.sorted().map { names[$0] ?? "id \($0)" }
            value = Self.practiceEntry(
                practice, .init(AssignmentKey.departments, .sequence(departments.map(YAMLOutput.text), flow: true)))
        case "supervising_provider":
            guard let supervisor = supervisorStaffID(of: user, practice: practice, practiceID: practiceID) else {
                return "athenaOne names a supervising provider no staff entry of practice \(practice) is"
            }
            value = Self.practiceEntry(practice, .init(AssignmentKey.supervising, .text(supervisor)))
        default:
            return ""
        }
        return Self.staffYAML(staffID, [value])
    }

    /// `practices: { PRACTICE: { SETTING } }` of a staff entry.
    private static func practiceEntry(_ practice: String, _ setting: YAMLOutput.Entry) -> YAMLOutput.Entry {
        .init(StaffKey.practices, .mapping([.init(practice, .mapping([setting], flow: true))]))
    }

    /// The staff id of the entry whose account in the practice is the user's supervising provider.
    private func supervisorStaffID(of user: LiveAthenaUser, practice: String, practiceID: Int) -> String? {
        guard let providerID = user.supervisingProviderID,
            let supervisor = index.user(practiceID: practiceID, providerID: providerID)
        else { return nil }
        return config.staff.first { staff in
            staff.practices.contains {
                $0.practice == practice
                    && ($0.userID == supervisor.userID || $0.username.lowercased() == supervisor.username.lowercased())
            }
        }?.id
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
