/// Every key the config schema knows, per mapping. Unknown keys are errors with a suggestion
/// from the list for that place; `schemas/rollcall.schema.json` lists the same keys.
enum ConfigKeys {
    static let root = ["version", "systems", "policy", "roles", "staff"]
    static let systems = ["athena", "healthie"]
    static let athena = ["base_url", "practices"]
    static let practice = ["practiceid", "departments"]
    static let healthie = ["base_url", "organization_id", "api_version", "send_invite_email"]
    static let policy = ["unmanaged", "max_deactivations", "min_admins", "protected"]
    static let role = ["description", "athena", "healthie"]
    static let athenaRole = ["usertype"]
    static let healthieRole = ["org_role", "admin", "provider", "permissions"]
    static let staff = [
        "id", "first_name", "last_name", "email", "role", "npi", "status", "expires", "practices",
    ]
    static let assignment = ["username", "userid", "departments", "supervising"]
}
