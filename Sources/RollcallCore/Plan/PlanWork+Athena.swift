/// athenaOne: one practice at a time.
extension PlanWork {
    mutating func planAthena(_ practice: Practice, live: LiveAthenaPractice) {
        let byID = Dictionary(live.users.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        let byUsername = Dictionary(
            live.users.map { ($0.username.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let directory = PracticeDirectory(live)
        var matched: Set<Int> = []
        // Every department the practice declares, used by someone or not, must exist live.
        for name in practice.departments where directory.departmentID(named: name) == nil {
            findings.append(
                Finding(
                    kind: .missingDepartment, severity: .warning,
                    address: .athenaDepartment(practice: practice.key, name: name),
                    message:
                        "practice \(practice.key) (\(practice.practiceID)) has no department named '\(name)' live; "
                        + "accounts are planned without it"))
        }

        func liveAccount(_ assignment: PracticeAssignment) -> LiveAthenaUser? {
            if let pinned = assignment.userID { return byID[pinned] }
            return byUsername[assignment.username.lowercased()]
        }

        for staff in config.staff {
            guard let assignment = staff.practices.first(where: { $0.practice == practice.key }) else { continue }
            let address = RecordAddress.athenaUser(practice: practice.key, username: assignment.username)
            let current = liveAccount(assignment)
            if let current { matched.insert(current.userID) }
            // Held back: its account is neither changed nor reported as unmanaged.
            if heldBack[staff.id] != nil { continue }
            if isProtected(practice: practice.key, username: current?.username ?? assignment.username) {
                noteProtected(address, staff: staff)
                continue
            }
            let access = access(for: staff)
            guard let current else {
                if access.wanted, let draft = draft(for: staff, assignment, practice: practice, directory, liveAccount)
                {
                    appendCreate(draft, staff: staff, practice: practice, address: address, directory: directory)
                }
                continue
            }
            if pinnedMismatch(assignment, current, staff: staff, address: address) { continue }
            managedAccounts += 1
            guard access.wanted else {
                if current.active, let reason = access.reason {
                    appendDeactivation(.athena(current, practice), address: address, staffID: staff.id, reason: reason)
                }
                continue
            }
            let wanted = desired(for: staff, assignment, practice: practice, directory, liveAccount)
            appendUpdate(current, wanted: wanted, staff: staff, practice: practice, address: address, directory)
        }
        planUnmanagedAthena(practice, live: live, matched: matched)
        noteSupervisorDeactivations(practice, live: live)
    }

    func isProtected(practice: String, username: String) -> Bool {
        protected.covers(practice: practice, username: username)
    }

    /// A pinned `userid` whose account has another username: a finding, and no change, since
    /// the config and athenaOne disagree about who this is.
    mutating func pinnedMismatch(
        _ assignment: PracticeAssignment, _ current: LiveAthenaUser, staff: StaffMember, address: RecordAddress
    ) -> Bool {
        guard assignment.userID != nil, current.username.lowercased() != assignment.username.lowercased() else {
            return false
        }
        findings.append(
            Finding(
                kind: .identityConflict, severity: .warning, address: address,
                message:
                    "staff \(staff.id) pins userid \(current.userID), whose username live is '\(current.username)', "
                    + "not '\(assignment.username)': none of this entry's changes in practice \(assignment.practice) "
                    + "are in the plan. Rollcall never renames or re-points an account: fix the username or the "
                    + "pin in the config"))
        return true
    }
}
