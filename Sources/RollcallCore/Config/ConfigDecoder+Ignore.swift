extension ConfigDecoder {
    /// `policy.ignore`: `{ account, fields, reason, until }` each; a rule without a reason is refused.
    mutating func decodeIgnoreRules(_ entry: YAMLMappingEntry) -> [IgnoreRule] {
        let example =
            #"[{ account: "athena:north/scanner", reason: "vendor kiosk, ticket IT-4411", until: 2027-03-31 }]"#
        guard let items = list(entry, example: example) else { return [] }
        var rules: [IgnoreRule] = []
        for (index, item) in items.enumerated() {
            let at = item.location(in: file)
            let place = "policy.ignore entry #\(index + 1)"
            guard
                let fields = fields(item, keys: IgnoreKey.self, place: place, key: "ignore entry", keyLocation: at)
            else { continue }
            var account: ProtectedAccount?
            if let accountEntry = fields[.account], let text = text(accountEntry) {
                switch ProtectedAccount.parse(text.value) {
                case .success(let parsed): account = parsed
                case .failure(let problem):
                    error("'account' '\(text.value)' of \(place) does not parse: \(problem)", at: text.location)
                }
            } else if fields[.account] == nil {
                error(
                    "\(place) has no 'account'", at: at, hint: "name it as athena:PRACTICE/USERNAME or healthie:EMAIL")
            }
            let reason = fields[.reason].flatMap { text($0, prose: true) }
            if fields[.reason] == nil {
                error(
                    "\(place) has no 'reason'", at: at,
                    hint: "say why the finding is accepted, such as a ticket: reason: \"vendor kiosk, IT-4411\"")
            }
            var until: CalendarDate?
            if let untilEntry = fields[.until], let text = text(untilEntry) {
                until = CalendarDate(iso: text.value)
                if until == nil {
                    error(
                        "'until' of \(place) is '\(text.value)', which is not a date", at: text.location,
                        hint: "write the last day the rule holds as YYYY-MM-DD")
                }
            }
            var ruleFields: [String]?
            if let fieldsEntry = fields[.fields] {
                let named = textList(fieldsEntry, example: "[departments, can_see_billing]")
                for field in named where !DriftField.isKnown(field.value) {
                    error(
                        "'\(field.value)' in \(place) is not a field drift reports"
                            + Suggestion.phrase(for: field.value, in: DriftField.names),
                        at: field.location, hint: "leave 'fields' out to cover every finding on the account")
                }
                ruleFields = named.map(\.value)
            }
            guard let account, let reason else { continue }
            rules.append(
                IgnoreRule(account: account, fields: ruleFields, reason: reason.value, until: until, declaredAt: at))
        }
        return rules
    }
}
