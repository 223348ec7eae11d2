import ArgumentParser

/// `--audit-log`, shared by the commands that write or read apply's audit log.
struct AuditLogOption: ParsableArguments {
    @Option(
        help: ArgumentHelp("The audit log (default: .rollcall/audit.jsonl beside the config).", valueName: "FILE"))
    var auditLog: String?
}
