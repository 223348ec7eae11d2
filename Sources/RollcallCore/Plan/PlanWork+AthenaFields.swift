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
            userType: staff.role?.athena?.usertype.rawValue,
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
        guard let supervisor = assignment.supervising else { return nil }
        let account = PracticeAssignment(
            practice: practice.key, username: supervisor.username, userID: supervisor.userID, departments: [],
            supervising: nil)
        if let providerID = liveAccount(account)?.providerID { return providerID }
        findings.append(
            Finding(
                kind: .supervisorWithoutProvider, severity: .warning,
                address: .athenaUser(practice: practice.key, username: assignment.username),
                message:
                    "\(staff.id) is supervised by \(supervisor.staffID), who has no provider record in practice "
                    + "\(practice.key) yet; supervision is left as it is until athenaOne links one"))
        return nil
    }

    mutating func appendCreate(
        _ draft: AthenaUserDraft, staff: StaffMember, practice: Practice, address: RecordAddress,
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
                fields: fields, unchangedCount: 0,
                operation: .athenaCreate(practiceID: practice.practiceID, draft: draft),
                precondition: .absent(key: draft.username)))
    }

    mutating func appendUpdate(
        _ current: LiveAthenaUser, wanted: WantedAthenaUser, staff: StaffMember, practice: Practice,
        address: RecordAddress, _ directory: PracticeDirectory
    ) {
        var diff = FieldDiff(managed: 1)
        var patch = AthenaUserPatch()
        let text: (String?) -> String? = Self.quoted
        let admin = AthenaUserType.admin.rawValue
        patch.firstName = diff.differs("first_name", current.firstName, wanted.firstName, show: text)
        patch.lastName = diff.differs("last_name", current.lastName, wanted.lastName, show: text)
        patch.userType = diff.differs(
            "user_type", current.userType, wanted.userType, show: text, escalation: wanted.userType == admin)
        // Email addresses are compared ignoring case, as mail systems and Healthie's matching treat them.
        if let email = diff.differs(
            "email", current.email, wanted.email.map(Optional.some), show: text,
            same: { $0?.lowercased() == $1?.lowercased() })
        {
            patch.email = .some(email)
        }
        if let npi = diff.differs("npi", current.npi, wanted.npi.map(Optional.some), show: text) {
            patch.npi = .some(npi)
        }
        patch.departmentIDs = diff.differs(
            "departments", current.departmentIDs.sorted(), wanted.departmentIDs?.sorted(),
            show: directory.departments)
        if let supervisor = diff.differs(
            "supervising_provider", current.supervisingProviderID, wanted.supervisingProviderID.map(Optional.some),
            show: directory.provider)
        {
            patch.supervisingProviderID = .some(supervisor)
        }
        if !current.active {
            diff.fields.append(FieldChange(name: "active", before: "false", after: "true", escalation: true))
            patch.active = true
        }
        guard !diff.fields.isEmpty else { return }
        changes.append(
            PlannedChange(
                system: .athena, action: current.active ? .update : .reactivate, address: address, staffID: staff.id,
                practice: practice.key, fields: diff.fields, unchangedCount: diff.unchanged,
                operation: .athenaUpdate(practiceID: practice.practiceID, userID: current.userID, patch: patch),
                precondition: .matches(.of(current))))
    }
}
