/// The one way a deactivation is built, whichever system it is in and whatever the reason:
/// `active` goes from true to false, nothing else changes, and nothing is deleted.
extension PlanWork {
    enum DeactivationTarget {
        case athena(LiveAthenaUser, Practice)
        case healthie(LiveHealthieMember)
    }

    mutating func appendDeactivation(
        _ target: DeactivationTarget, address: RecordAddress, staffID: String?, reason: String
    ) {
        let system: PlannedChange.System
        let practice: String?
        let operation: ChangeOperation
        let digest: RecordDigest
        let who: String
        switch target {
        case .athena(let user, let livePractice):
            who = "\(user.firstName) \(user.lastName), \(user.userType), userid \(user.userID)"
            system = .athena
            practice = livePractice.key
            operation = .athenaUpdate(
                practiceID: livePractice.practiceID, userID: user.userID, patch: AthenaUserPatch(active: false))
            digest = .of(user)
        case .healthie(let member):
            who = "\(member.firstName) \(member.lastName), user \(member.userID)"
            system = .healthie
            practice = nil
            operation = .healthieUpdate(
                membershipID: member.membershipID, patch: HealthieMembershipPatch(active: false))
            digest = .of(member, managedFlags: managedFlags)
        }
        changes.append(
            PlannedChange(
                system: system, action: .deactivate, address: address, staffID: staffID, practice: practice,
                fields: [FieldChange(name: "active", before: "true", after: "false")], unchangedCount: 0,
                reason: reason, notes: [who], operation: operation, precondition: .matches(digest)))
    }
}
