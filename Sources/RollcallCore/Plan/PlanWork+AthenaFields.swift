/// The athenaOne account a staff entry wants; a nil field is one the config does not manage.
struct WantedAthenaUser {
    var firstName: String?
    var lastName: String?
    var userType: String?
    var email: String?
    var npi: String?
    var departmentIDs: [Int]?
    var supervisingProviderID: Int?
}

extension PlanWork {
    typealias LiveAccountLookup = (PracticeAssignment) -> LiveAthenaUser?

    mutating func desired(
        for staff: StaffMember, _ assignment: PracticeAssignment, practice: Practice, _ directory: PracticeDirectory,
        _ liveAccount: LiveAccountLookup
    ) -> WantedAthenaUser {
        let declared = assignment.departments.compactMap { directory.departmentID(named: $0) }
        return WantedAthenaUser(
            firstName: staff.firstName, lastName: staff.lastName,
            userType: staff.role.flatMap { config.roles[$0]?.athena?.usertype.rawValue },
            email: staff.email, npi: staff.npi, departmentIDs: assignment.departments.isEmpty ? nil : declared,
            supervisingProviderID: supervisor(of: staff, assignment, practice: practice, liveAccount))
    }

    /// A new account, when the entry says enough to create one (a role with athena settings, both names).
    mutating func draft(
        for staff: StaffMember, _ assignment: PracticeAssignment, practice: Practice, _ directory: PracticeDirectory,
        _ liveAccount: LiveAccountLookup
    ) -> AthenaUserDraft? {
        let wanted = desired(for: staff, assignment, practice: practice, directory, liveAccount)
        guard let userType = wanted.userType, let first = wanted.firstName, let last = wanted.lastName else {
            return nil
        }
        return AthenaUserDraft(
            username: assignment.username, firstName: first, lastName: last, userType: userType, email: wanted.email,
            npi: wanted.npi, departmentIDs: wanted.departmentIDs ?? [],
            supervisingProviderID: wanted.supervisingProviderID)
    }

    /// The provider id of the supervisor's account in this practice, or nil (with a finding) when it has none yet.
    mutating func supervisor(
        of staff: StaffMember, _ assignment: PracticeAssignment, practice: Practice, _ liveAccount: LiveAccountLookup
    ) -> Int? {
        guard let supervisorID = assignment.supervising else { return nil }
        let supervisorAssignment = config.staff.first { $0.id == supervisorID }?.practices
            .first { $0.practice == practice.key }
        if let supervisorAssignment, let providerID = liveAccount(supervisorAssignment)?.providerID {
            return providerID
        }
        findings.append(
            Finding(
                kind: .supervisorWithoutProvider, severity: .warning,
                address: Self.athenaAddress(practice.key, assignment.username),
                message:
                    "\(staff.id) is supervised by \(supervisorID), who has no provider record in practice "
                    + "\(practice.key) yet; supervision is left as it is until athenaOne links one"))
        return nil
    }

    mutating func appendCreate(
        _ draft: AthenaUserDraft, staff: StaffMember, practice: Practice, address: String,
        directory: PracticeDirectory
    ) {
        var fields = [
            FieldChange(name: "username", before: nil, after: Self.quoted(draft.username)),
            FieldChange(name: "first_name", before: nil, after: Self.quoted(draft.firstName)),
            FieldChange(name: "last_name", before: nil, after: Self.quoted(draft.lastName)),
            FieldChange(
                name: "user_type", before: nil, after: Self.quoted(draft.userType),
                escalation: draft.userType == AthenaUserType.admin.rawValue),
        ]
        if let email = draft.email { fields.append(FieldChange(name: "email", before: nil, after: Self.quoted(email))) }
        if let npi = draft.npi { fields.append(FieldChange(name: "npi", before: nil, after: Self.quoted(npi))) }
        if !draft.departmentIDs.isEmpty {
            fields.append(
                FieldChange(name: "departments", before: nil, after: directory.departments(draft.departmentIDs)))
        }
        if let supervisor = draft.supervisingProviderID {
            fields.append(
                FieldChange(name: "supervising_provider", before: nil, after: directory.provider(supervisor)))
        }
        changes.append(
            PlannedChange(
                system: .athena, action: .create, address: address, staffID: staff.id, practice: practice.key,
                recordID: nil, fields: fields, unchangedCount: 0,
                operation: .athenaCreate(practiceID: practice.practiceID, draft: draft)))
    }

    mutating func appendUpdate(
        _ current: LiveAthenaUser, wanted: WantedAthenaUser, staff: StaffMember, practice: Practice, address: String,
        _ directory: PracticeDirectory
    ) {
        var fields: [FieldChange] = []
        var patch = AthenaUserPatch()
        var managed = 1
        func compare(
            _ name: String, _ live: String?, _ want: String?, escalation: Bool = false, sameIgnoringCase: Bool = false
        ) -> Bool {
            managed += 1
            guard live != want, !(sameIgnoringCase && live?.lowercased() == want?.lowercased()) else { return false }
            fields.append(FieldChange(name: name, before: live, after: want, escalation: escalation))
            return true
        }
        if let first = wanted.firstName, compare("first_name", Self.quoted(current.firstName), Self.quoted(first)) {
            patch.firstName = first
        }
        if let last = wanted.lastName, compare("last_name", Self.quoted(current.lastName), Self.quoted(last)) {
            patch.lastName = last
        }
        if let type = wanted.userType,
            compare(
                "user_type", Self.quoted(current.userType), Self.quoted(type),
                escalation: type == AthenaUserType.admin.rawValue)
        {
            patch.userType = type
        }
        // Email addresses are compared ignoring case, as mail systems and Healthie's matching treat them.
        if let email = wanted.email,
            compare("email", Self.quoted(current.email), Self.quoted(email), sameIgnoringCase: true)
        {
            patch.email = .some(email)
        }
        if let npi = wanted.npi, compare("npi", Self.quoted(current.npi), Self.quoted(npi)) {
            patch.npi = .some(npi)
        }
        if let ids = wanted.departmentIDs,
            compare("departments", directory.departments(current.departmentIDs), directory.departments(ids))
        {
            patch.departmentIDs = ids.sorted()
        }
        if let supervisor = wanted.supervisingProviderID,
            compare(
                "supervising_provider", directory.provider(current.supervisingProviderID),
                directory.provider(supervisor))
        {
            patch.supervisingProviderID = .some(supervisor)
        }
        if !current.active {
            fields.append(FieldChange(name: "active", before: "false", after: "true", escalation: true))
            patch.active = true
        }
        guard !fields.isEmpty else { return }
        changes.append(
            PlannedChange(
                system: .athena, action: current.active ? .update : .reactivate, address: address, staffID: staff.id,
                practice: practice.key, recordID: String(current.userID), fields: fields,
                unchangedCount: managed - fields.count,
                operation: .athenaUpdate(practiceID: practice.practiceID, userID: current.userID, patch: patch)))
    }
}
