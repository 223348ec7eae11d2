import RollcallCore

/// Writes a valid config of any size as YAML text, as a large clinic group would:
/// several practices, the usual roles, providers with valid NPIs and supervisors.
package enum SyntheticConfig {
    package static let practiceKeys = ["main", "north", "south", "east", "west"]
    package static let departments = ["Main Clinic", "Pediatrics", "Lab", "Urgent Care"]

    /// A config with `staffCount` people; every tenth is a provider, and the rest of
    /// each practice's clinical staff are supervised by that practice's first provider.
    package static func yaml(staffCount: Int, practices: Int = 3) -> String {
        let keys = Array(practiceKeys.prefix(max(1, min(practices, practiceKeys.count))))
        var out = "version: 1\nsystems:\n  athena:\n    practices:\n"
        for (index, key) in keys.enumerated() {
            out +=
                "      \(key): { practiceid: \(195_900 + index), departments: [\(departments.joined(separator: ", "))] }\n"
        }
        out += """
              healthie: { organization_id: "4242" }
            policy:
              unmanaged: report
              max_deactivations: "2%"
              min_admins: 1
              protected: [athena:\(keys[0])/apiuser, healthie:it-admin@example.org]
            roles:
              physician:
                athena: { usertype: PROVIDER }
                healthie: { org_role: Standard, provider: true, permissions: { can_order_labs: true } }
              nurse:
                athena: { usertype: STAFF }
                healthie: { org_role: Support, permissions: { can_see_billing: false } }
              front-desk:
                athena: { usertype: STAFF }
              admin:
                athena: { usertype: ADMIN }
                healthie: { org_role: Standard, admin: true, permissions: { can_edit_members: true } }
            staff:

            """
        for index in 0..<staffCount {
            let key = keys[index % keys.count]
            let role = role(for: index)
            out += "  - id: person.\(index)\n"
            out += "    first_name: First\(index)\n"
            out += "    last_name: Last\(index)\n"
            out += "    email: person.\(index)@example.org\n"
            out += "    role: \(role)\n"
            if role == "physician" {
                out += "    npi: \"\(npi(for: index))\"\n"
            }
            let department = departments[index % departments.count]
            out += "    practices:\n      \(key): { username: user\(index), departments: [\(department)]"
            if role == "nurse", let supervisor = firstProvider(inPracticeAt: index % keys.count, practices: keys.count),
                supervisor < staffCount
            {
                out += ", supervising: person.\(supervisor)"
            }
            out += " }\n"
        }
        return out
    }

    package static func role(for index: Int) -> String {
        switch index % 10 {
        case 0: "physician"
        case 1, 2, 3, 4: "nurse"
        case 9: "admin"
        default: "front-desk"
        }
    }

    /// A valid, distinct NPI for `index`.
    package static func npi(for index: Int) -> String {
        let body = 100_000_000 + index
        let digits = String(body).compactMap { $0.wholeNumberValue }
        return String(body) + String(NPI.checkDigit(forFirstNine: digits))
    }

    /// The smallest index that is a physician in the practice at `practiceIndex`.
    static func firstProvider(inPracticeAt practiceIndex: Int, practices: Int) -> Int? {
        (0..<(10 * practices)).first { $0 % practices == practiceIndex && role(for: $0) == "physician" }
    }
}
