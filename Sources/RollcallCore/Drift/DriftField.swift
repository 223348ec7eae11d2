/// The names a drift finding gives the field that differs, which `policy.ignore`'s
/// `fields` may list: the managed fields of both systems, every `can_*` flag, and the
/// account itself (`account`: missing, unmanaged, still active).
enum DriftField {
    static let account = "account"
    /// A Healthie account with no sign-in for `policy.dormant_after`.
    static let lastSignIn = "last_sign_in_at"

    static let names: [String] =
        [
            account, "first_name", "last_name", "email", "npi", "user_type", "departments", "supervising_provider",
            "active", "org_role", "is_admin", "is_provider", lastSignIn,
        ] + HealthiePermission.names

    static func isKnown(_ name: String) -> Bool {
        names.contains(name)
    }
}
