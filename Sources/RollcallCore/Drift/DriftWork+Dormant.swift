/// Dormant accounts: an active Healthie account whose last sign-in is older than
/// `policy.dormant_after`. Access nobody uses is access nobody will miss, and the quarterly
/// review asks for each privileged account's last use. athenaOne exposes no sign-in time.
extension DriftWork {
    mutating func addDormantAccounts() {
        guard config.healthie != nil, let members = live.healthie?.members else { return }
        let span = config.policy.dormantAfter
        let midnight = Timestamp(date: today, secondOfDay: 0).seconds
        let cutoff = midnight - span.seconds
        let dormant = members.compactMap { member -> (LiveHealthieMember, Timestamp)? in
            guard member.active, !protected.covers(email: member.email), let text = member.lastSignInAt,
                let signedIn = Timestamp(iso: text), signedIn.seconds < cutoff
            else { return nil }
            return (member, signedIn)
        }
        guard !dormant.isEmpty else { return }
        var staffByEmail: [String: String] = [:]
        for staff in config.staff {
            // The first entry with the email, as the planner matches.
            guard let email = staff.email, staffByEmail[EmailAddress.normalized(email)] == nil else { continue }
            staffByEmail[EmailAddress.normalized(email)] = staff.id
        }
        for (member, signedIn) in dormant {
            let days = (midnight - signedIn.seconds) / 86_400
            let staffID = staffByEmail[EmailAddress.normalized(member.email)]
            let rule = YAMLOutput.mapping([
                .init(RootKey.policy, .mapping([.init(PolicyKey.dormantAfter, .text("\(days + 1)d"))]))
            ])
            append(
                .dormantAccount, .medium, address: .healthieMember(email: member.email), staffID: staffID,
                field: DriftField.lastSignIn, declared: "within \(span)", live: signedIn.description,
                message: "\(member.firstName) \(member.lastName) has not signed in for \(days) days (last "
                    + "\(signedIn)); policy.dormant_after is \(span)",
                revert: "none: apply does not act on sign-ins; offboard the person, or narrow the role, if the "
                    + "access is no longer needed",
                adopt: "accept it in policy.ignore with a reason, or allow longer:\n"
                    + ((try? YAMLEmitter.emit(rule)) ?? ""))
        }
    }
}
