/// `policy.ignore` applied to findings: a rule in force suppresses what it names and
/// is counted; a rule past its `until` suppresses nothing and is itself reported.
enum DriftIgnore {
    struct Outcome {
        var kept: [DriftFinding]
        var suppressed: [SuppressedFinding]
        var rules: [DriftReport.IgnoreRuleSummary]
    }

    static func apply(_ rules: [IgnoreRule], to findings: [DriftFinding], today: CalendarDate) -> Outcome {
        var kept: [DriftFinding] = []
        var suppressed: [SuppressedFinding] = []
        var matched = Array(repeating: 0, count: rules.count)
        for finding in findings {
            let index = rules.indices.first { index in
                let rule = rules[index]
                let inForce = rule.until.map { today <= $0 } ?? true
                return inForce && matches(rule, finding)
            }
            guard let index else {
                kept.append(finding)
                continue
            }
            matched[index] += 1
            suppressed.append(
                SuppressedFinding(finding: finding, reason: rules[index].reason, until: rules[index].until?.description)
            )
        }
        var summaries: [DriftReport.IgnoreRuleSummary] = []
        for (index, rule) in rules.enumerated() {
            let expired = rule.until.map { today > $0 } ?? false
            summaries.append(
                DriftReport.IgnoreRuleSummary(
                    account: rule.account.description, fields: rule.fields, reason: rule.reason,
                    until: rule.until?.description, expired: expired, matched: matched[index]))
            guard expired, let until = rule.until else { continue }
            kept.append(
                DriftFinding(
                    kind: .expiredIgnoreRule, severity: .low, system: nil, staffID: nil,
                    address: .policy("ignore"), account: rule.account.description, field: DriftField.account,
                    declared: "until \(until)", live: nil,
                    message:
                        "the ignore rule for \(rule.account) (\"\(rule.reason)\") ended on \(until); what it "
                        + "suppressed is reported again",
                    revert: "none: a rule of the config",
                    adopt: "remove the rule, or give it a later until after a new review",
                    actor: DriftWork.actor(nil)))
        }
        suppressed.sort { ($0.finding.address, $0.finding.field) < ($1.finding.address, $1.finding.field) }
        return Outcome(kept: kept, suppressed: suppressed, rules: summaries)
    }

    static func matches(_ rule: IgnoreRule, _ finding: DriftFinding) -> Bool {
        guard let account = finding.account, account.lowercased() == rule.account.description.lowercased() else {
            return false
        }
        return rule.fields.map { $0.contains(finding.field) } ?? true
    }
}
