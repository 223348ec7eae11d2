/// What an operation does, read from the operation itself: the system it writes to,
/// the practice, and whether it creates, deactivates or reactivates an account. Apply's
/// safety rules and its check of a saved plan count these, never a change's labels,
/// which a hand-edited plan could set to anything.
extension ChangeOperation {
    public var system: PlannedChange.System {
        switch self {
        case .athenaCreate, .athenaUpdate: .athena
        case .healthieCreate, .healthieUpdate: .healthie
        }
    }

    /// The athenaOne practice id the operation writes in; nil for Healthie.
    var athenaPracticeID: Int? {
        switch self {
        case .athenaCreate(let practiceID, _), .athenaUpdate(let practiceID, _, _): practiceID
        case .healthieCreate, .healthieUpdate: nil
        }
    }

    /// The action the operation performs: a create, a deactivation (it sets the account
    /// inactive), a reactivation (it sets it active), or an update of other fields.
    package var action: PlannedChange.Action {
        switch self {
        case .athenaCreate, .healthieCreate: .create
        case .athenaUpdate(_, _, let patch): Self.action(setting: patch.active)
        case .healthieUpdate(_, let patch): Self.action(setting: patch.active)
        }
    }

    private static func action(setting active: Bool?) -> PlannedChange.Action {
        switch active {
        case false?: .deactivate
        case true?: .reactivate
        case nil: .update
        }
    }
}
