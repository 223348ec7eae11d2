import Foundation
import RollcallCore

/// `rollcall audit verify`: an audit log read as apply reads it (a regular file only, never
/// through a link, a FIFO or a device) and checked with the key from the environment.
public enum AuditFile {
    public static func verify(_ path: String, head: String?, environment: [String: String]) throws
        -> AuditVerification
    {
        try read(path, head: head, environment: environment).verification
    }

    /// The verdict, and the entries of the lines that check out, for a reader that uses them
    /// only once the verdict is not `.broken`.
    static func read(
        _ path: String, head: String? = nil, environment: [String: String], files: any RunFiles = LocalFiles()
    ) throws -> (verification: AuditVerification, entries: [AuditEntry]) {
        let bytes = try files.readRegular(path, what: "the audit log", limit: nil) ?? Data()
        let text = String(decoding: bytes, as: UTF8.self)
        return AuditChain(key: RunIdentity(environment: environment).auditKey).read(text, head: head)
    }
}
