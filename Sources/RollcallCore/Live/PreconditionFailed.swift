/// A write was not made because the record read just before it is not the one
/// the change was planned against. Nothing was sent.
package struct PreconditionFailed: Error, Sendable, Equatable, CustomStringConvertible {
    /// The record, as a message names it: `user 7 in practice 100`, `the membership of a@b.org`.
    package var record: String
    /// The fields whose live values differ from what the plan saw, by their API names.
    package var changedFields: [String]

    package init(record: String, changedFields: [String]) {
        self.record = record
        self.changedFields = changedFields
    }

    package var description: String {
        "\(record) changed since it was planned (\(changedFields.joined(separator: ", "))); "
            + "nothing was sent: plan again"
    }
}

/// What must hold of a record read immediately before it is written: given the
/// fresh record, the fields that break the condition (none when it holds).
package struct RecordCheck<Record: Sendable>: Sendable {
    package let changedFields: @Sendable (Record) -> [String]

    package init(_ changedFields: @escaping @Sendable (Record) -> [String]) {
        self.changedFields = changedFields
    }
}

extension RecordCheck where Record == LiveAthenaUser {
    /// The user still hashes to `digest`.
    package static func digest(_ digest: RecordDigest) -> RecordCheck {
        RecordCheck { digest.changedFields(comparedTo: .of($0)) }
    }
}

extension RecordCheck where Record == LiveHealthieMember {
    /// The member still hashes to `digest`, over the flags the digest covers.
    package static func digest(_ digest: RecordDigest) -> RecordCheck {
        let flags = digest.managedFlags
        return RecordCheck { digest.changedFields(comparedTo: .of($0, managedFlags: flags)) }
    }
}
