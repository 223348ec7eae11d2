import Foundation
import RollcallCore

/// Who runs this apply, from which commit, under which run id, and the key the audit
/// chain is signed with. The key comes from `ROLLCALL_AUDIT_KEY` and is never written anywhere.
struct RunIdentity: Sendable {
    var runID: String
    var actor: String
    var commit: String?
    var auditKey: [UInt8]?

    init(environment: [String: String], runID: String = UUID().uuidString.lowercased()) {
        self.runID = runID
        actor =
            [
                environment["GITHUB_ACTOR"], environment["GITLAB_USER_LOGIN"], environment["USER"],
                environment["LOGNAME"],
            ]
            .compactMap { $0 }.first { !$0.isEmpty } ?? Self.osUser()
        commit = [environment["GITHUB_SHA"], environment["CI_COMMIT_SHA"], environment["GIT_COMMIT"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        auditKey = environment["ROLLCALL_AUDIT_KEY"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    func entry(
        _ change: PlannedChange, planChecksum: String?, outcome: AuditEntry.Outcome, verified: Bool? = nil,
        requestIDs: [String] = [], error: String? = nil
    ) -> AuditEntry {
        AuditEntry(
            sequence: 0, time: Self.now(), actor: actor, commit: commit, runID: runID, planChecksum: planChecksum,
            change: change, outcome: outcome, verified: verified, requestIDs: requestIDs, error: error)
    }

    /// The name of the user this process runs as, from the password database.
    static func osUser() -> String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }

    /// UTC, ISO 8601, to the second.
    static func now() -> String {
        Date().formatted(.iso8601)
    }
}
