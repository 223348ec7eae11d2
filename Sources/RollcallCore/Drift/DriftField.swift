/// The names a drift finding gives the field that differs, which `policy.ignore`'s
/// `fields` may list: the managed fields of both systems, every `can_*` flag, and the
/// account itself (`account`: missing, unmanaged, still active).
public enum DriftField {
    public static let account = "account"
    /// A Healthie account with no sign-in for `policy.dormant_after`.
    public static let lastSignIn = "last_sign_in_at"

    public static let names: [String] =
        [
            account, "first_name", "last_name", "email", "npi", "user_type", "departments", "supervising_provider",
            "active", "org_role", "is_admin", "is_provider", lastSignIn,
        ] + HealthiePermission.names

    public static func isKnown(_ name: String) -> Bool {
        names.contains(name)
    }
}
