import RollcallCore

extension LiveState {
    /// The live state as it would be after `plan` is applied, computed in memory the way
    /// the connectors would leave it: creates get the next free id and no provider link,
    /// updates lay their patch over the record. For property tests of the planner.
    package func applying(_ plan: Plan) -> LiveState {
        var state = self
        for change in plan.changes {
            switch change.operation {
            case .athenaCreate(let practiceID, let draft):
                guard let index = state.athena.firstIndex(where: { $0.practiceID == practiceID }) else { continue }
                let next = (state.athena[index].users.map(\.userID).max() ?? 0) + 1
                state.athena[index].users.append(
                    LiveAthenaUser(
                        userID: next, username: draft.username, firstName: draft.firstName,
                        lastName: draft.lastName, userType: draft.userType, active: true, email: draft.email,
                        npi: draft.npi, departmentIDs: draft.departmentIDs,
                        supervisingProviderID: draft.supervisingProviderID))
            case .athenaUpdate(let practiceID, let userID, let patch):
                guard let index = state.athena.firstIndex(where: { $0.practiceID == practiceID }),
                    let user = state.athena[index].users.firstIndex(where: { $0.userID == userID })
                else { continue }
                state.athena[index].users[user] = patch.applied(to: state.athena[index].users[user])
            case .healthieCreate(let draft, let settings):
                guard var healthie = state.healthie else { continue }
                let next = (healthie.members.compactMap { Int($0.userID) }.max() ?? 0) + 1
                let member = LiveHealthieMember(
                    userID: String(next), membershipID: "m\(next)", email: draft.email, firstName: draft.firstName,
                    lastName: draft.lastName, active: true, orgRole: draft.orgRole ?? "Standard", isAdmin: false,
                    isProvider: false, permissions: [:])
                healthie.members.append(settings.applied(to: member))
                state.healthie = healthie
            case .healthieUpdate(let membershipID, let patch):
                guard var healthie = state.healthie,
                    let index = healthie.members.firstIndex(where: { $0.membershipID == membershipID })
                else { continue }
                healthie.members[index] = patch.applied(to: healthie.members[index])
                state.healthie = healthie
            }
        }
        return state
    }
}
