/// `policy.ignore` applied to findings: a rule in force suppresses what it names and
/// is counted; a rule past its `until` suppresses nothing and is itself reported, and so
/// is a rule in force that found nothing to suppress among the accounts that were read.
enum DriftIgnore {
    struct Outcome {
        var kept: [DriftFinding]
        var suppressed: [SuppressedFinding]
        var rules: [DriftReport.IgnoreRuleSummary]
    }

    /// `wasRead` tells whether an account's system (its practice) was read, so a rule for
    /// a practice left out by `--practice` is not called unused.
    static func apply(
        _ rules: [IgnoreRule], to findings: [DriftFinding], today: CalendarDate,
        wasRead: (ProtectedAccount) -> Bool
    ) -> Outcome {
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
            if expired, let until = rule.until {
                kept.append(
                    finding(
                        .expiredIgnoreRule, .low, rule, declared: "until \(until)",
                        message:
                            "the ignore rule for \(rule.account) (\"\(rule.reason)\") ended on \(until); what it "
                            + "suppressed is reported again",
                        adopt: "remove the rule, or give it a later until after a new review"))
            } else if !expired, matched[index] == 0, wasRead(rule.account) {
                let fields = rule.fields.map { " (\($0.joined(separator: ", ")))" } ?? ""
                kept.append(
                    finding(
                        .unusedIgnoreRule, .info, rule, declared: rule.until.map { "until \($0)" } ?? "no end",
                        message:
                            "the ignore rule for \(rule.account)\(fields) (\"\(rule.reason)\") suppressed nothing: "
                            + "the drift it accepted is gone, or no finding has this account or field",
                        adopt: "remove the rule"))
            }
        }
        suppressed.sort { ($0.finding.address, $0.finding.field) < ($1.finding.address, $1.finding.field) }
        return Outcome(kept: kept, suppressed: suppressed, rules: summaries)
    }

    private static func finding(
        _ kind: DriftFinding.Kind, _ severity: DriftSeverity, _ rule: IgnoreRule, declared: String, message: String,
        adopt: String
    ) -> DriftFinding {
        DriftFinding(
            kind: kind, severity: severity, system: nil, staffID: nil, address: .policy("ignore"),
            account: rule.account.description, field: DriftField.account, declared: declared, live: nil,
            message: message, revert: "none: a rule of the config", adopt: adopt, actor: DriftWork.actor(nil))
    }

    static func matches(_ rule: IgnoreRule, _ finding: DriftFinding) -> Bool {
        guard let account = finding.account, account.lowercased() == rule.account.description.lowercased() else {
            return false
        }
        return rule.fields.map { $0.contains(finding.field) } ?? true
    }
}
