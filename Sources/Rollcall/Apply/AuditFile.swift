import RollcallCore

/// `rollcall audit verify`: an audit log read as apply reads it (a regular file only, never
/// through a link, a FIFO or a device) and checked with the key from the environment.
public enum AuditFile {
    public static func verify(_ path: String, head: String?, environment: [String: String]) throws
        -> AuditVerification
    {
        let text = try DurableLog.text(of: path, what: "the audit log")
        return AuditChain(key: RunIdentity(environment: environment).auditKey).verify(text, head: head)
    }
}
