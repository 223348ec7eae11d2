/// `ROLLCALL_PLAN_KEY`: the key `plan --out` signs a plan with and `apply` checks it
/// against. Like the audit key it comes from the environment (CI's secret store) and is
/// never written anywhere.
enum PlanKey {
    static let variable = "ROLLCALL_PLAN_KEY"
    /// Shorter keys are guessable; `openssl rand -hex 32` makes a good one.
    static let minimumBytes = 16

    /// The key, nil when the variable is unset or empty; throws for one too short to protect anything.
    static func from(_ environment: [String: String]) throws -> [UInt8]? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        let key = Array(text.utf8)
        guard key.count >= minimumBytes else {
            throw RollcallError(
                .key,
                "\(variable) is \(key.count) bytes; a plan key needs at least \(minimumBytes) "
                    + "(make one with `openssl rand -hex 32` and keep it in the secret store)")
        }
        return key
    }
}
