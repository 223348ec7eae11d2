/// Roster people in the plan: who is held back, what reviewers should know, and the row
/// behind each change.
extension PlanWork {
    /// Fills `heldBack`: each roster person's own reasons, and a generated username that a
    /// live account in that practice holds under another email (or none): that account is
    /// someone else's, so it is neither taken over nor is the person given a second one.
    mutating func holdBackRosterPeople() {
        guard config.roster != nil, let athena = config.athena else { return }
        var byUsername: [String: [String: LiveAthenaUser]] = [:]
        for practice in athena.practices {
            guard let live = liveAthena[practice.practiceID] else { continue }
            byUsername[practice.key] = Dictionary(
                live.users.map { ($0.username.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        }
        for staff in config.staff {
            guard let link = staff.roster else { continue }
            var reasons = link.heldBack.map { [$0] } ?? []
            for assignment in staff.practices where assignment.generated && link.heldBack == nil {
                guard let user = byUsername[assignment.practice]?[assignment.username.lowercased()] else { continue }
                let sameEmail =
                    user.email.map { EmailAddress.normalized($0) } == staff.email.map(EmailAddress.normalized)
                guard !sameEmail || staff.email == nil else { continue }
                let theirs = user.email.map { "under the email \($0)" } ?? "with no email"
                reasons.append(
                    "the username '\(assignment.username)' is held live in practice \(assignment.practice) "
                        + "(user \(user.userID)) \(theirs), not this person's: pin theirs with a staff entry, "
                        + "`roster_id: \"\(link.key)\"` with `practices: { \(assignment.practice): { username: ... } }`, "
                        + "or `userid:` if that account is theirs")
            }
            if !reasons.isEmpty { heldBack[staff.id] = reasons.joined(separator: "; ") }
        }
    }

    mutating func listRosterFindings() {
        for staff in config.staff {
            if let reason = heldBack[staff.id], let link = staff.roster {
                findings.append(
                    Finding(
                        kind: .rosterHeldBack, severity: .warning, address: .staff(staff.id),
                        message: "\(link.description): every change of \(staff.id) is held back: \(reason)"))
                continue
            }
            if staff.rosterID != nil, staff.roster == nil {
                findings.append(
                    Finding(
                        kind: .rosterEntryMissing, severity: .warning, address: .staff(staff.id),
                        message: "the staff entry's roster_id \(staff.rosterID ?? "") is not in the roster, so "
                            + "\(staff.id) is offboarded; remove the entry once their accounts are deactivated"))
                continue
            }
            if let starts = staff.starts, starts > today, staff.status == .active, let link = staff.roster {
                let days = starts.dayNumber - today.dayNumber
                findings.append(
                    Finding(
                        kind: .upcomingStart, severity: .info, address: .staff(staff.id),
                        message: "\(link.description): \(staff.id) starts on \(starts) (in \(counted(days, "day"))); "
                            + "their accounts are created by the plan made on that day"))
            }
        }
    }

    /// The changes with the roster row of the person behind each.
    func withSources(_ changes: [PlannedChange]) -> [PlannedChange] {
        guard config.roster != nil else { return changes }
        var links: [String: RosterLink] = [:]
        for staff in config.staff { if let link = staff.roster { links[staff.id] = link } }
        return changes.map { change in
            guard let staffID = change.staffID, let link = links[staffID] else { return change }
            var sourced = change
            sourced.source = ChangeSource(link)
            return sourced
        }
    }
}
