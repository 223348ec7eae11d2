/// Field-by-field comparison of a live record with what the config wants.
/// Values are compared as values; only a difference is rendered, as a reviewer reads it.
struct FieldDiff {
    var fields: [FieldChange] = []
    /// Managed fields compared so far, the record's identity included.
    var managed: Int

    var unchanged: Int { managed - fields.count }

    /// The wanted value when it differs from the live one; nil when it is the same or not managed (`want` nil).
    mutating func differs<Value: Equatable>(
        _ name: String, _ live: Value, _ want: Value?, show: (Value) -> String?, escalation: Bool = false,
        same: ((Value, Value) -> Bool)? = nil
    ) -> Value? {
        guard let want else { return nil }
        managed += 1
        if let same { if same(live, want) { return nil } } else if live == want { return nil }
        fields.append(FieldChange(name: name, before: show(live), after: show(want), escalation: escalation))
        return want
    }
}
