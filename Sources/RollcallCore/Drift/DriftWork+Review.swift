/// The access review: every person the config names, with what each of their accounts holds live.
extension DriftWork {
    func review(findings: [DriftFinding]) -> [ReviewPerson] {
        var worst: [String: DriftSeverity] = [:]
        for finding in findings {
            guard let staffID = finding.staffID else { continue }
            worst[staffID] = max(worst[staffID] ?? .info, finding.severity)
        }
        return config.staff.map { staff in
            var accounts: [ReviewAccount] = []
            // Only practices that were read: a run narrowed with --practice says nothing of the others.
            for assignment in staff.practices where practiceRead(assignment.practice) {
                accounts.append(athenaAccount(assignment))
            }
            if live.healthie != nil, let email = staff.email, staff.role?.healthie != nil || member(email: email) != nil
            {
                accounts.append(healthieAccount(email))
            }
            let name = [staff.firstName, staff.lastName].compactMap { $0 }.joined(separator: " ")
            return ReviewPerson(
                staffID: staff.id, name: name, role: staff.role?.name, status: staff.status.rawValue,
                expires: staff.expires?.description, accounts: accounts, worst: worst[staff.id])
        }
    }

    private func athenaAccount(_ assignment: PracticeAssignment) -> ReviewAccount {
        let practiceID = config.athena?.practice(assignment.practice)?.practiceID ?? 0
        let user =
            assignment.userID.flatMap { index.user(practiceID: practiceID, userID: $0) }
            ?? index.user(practiceID: practiceID, username: assignment.username)
        let names = index.departments(practiceID: practiceID)
        return ReviewAccount(
            system: "athena", place: assignment.practice, login: assignment.username, exists: user != nil,
            active: user?.active ?? false, access: user?.userType ?? "",
            departments: (user?.departmentIDs ?? []).sorted().map { names[$0] ?? "id \($0)" }, grants: [])
    }

    private func healthieAccount(_ email: String) -> ReviewAccount {
        let member = member(email: email)
        var access: [String] = []
        if let member {
            access.append(member.orgRole ?? "no org_role")
            if member.isAdmin { access.append("admin") }
            if member.isProvider { access.append("provider") }
        }
        return ReviewAccount(
            system: "healthie", place: "Healthie", login: email, exists: member != nil, active: member?.active ?? false,
            access: access.joined(separator: ", "), departments: [],
            grants: (member?.permissions ?? [:]).filter(\.value).keys.sorted())
    }
}
