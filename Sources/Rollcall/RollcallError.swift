import RollcallCore

/// A failure the orchestration reports to the user: a stable code, what failed and what to do.
public struct RollcallError: CodedError, CustomStringConvertible {
    /// What kind of failure it is; the raw value is the code `--format json` prints.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A flag or argument that does not fit the config (`--practice` of no practice).
        public static let usage = Code(rawValue: "usage")
        /// A credential missing from the environment, or one that cannot be sent as it is.
        public static let credentials = Code(rawValue: "credentials")
        /// `ROLLCALL_PLAN_KEY` or `ROLLCALL_AUDIT_KEY` unusable.
        public static let key = Code(rawValue: "key")
        /// A file Rollcall reads or writes is not one it may (a link, a FIFO, a directory), or
        /// the system refused it.
        public static let file = Code(rawValue: "file")
        /// An input file (a report, a campaign) missing or not what it should be.
        public static let input = Code(rawValue: "input")
        /// An output that cannot be written where it was asked for.
        public static let output = Code(rawValue: "output")
        /// A saved plan that does not prove itself: edited, cut off, unsigned or of another format.
        static let planInvalid = Code(rawValue: "plan_invalid")
        /// Another apply holds the lock.
        static let lockHeld = Code(rawValue: "lock_held")
        /// The lock cannot be taken for another reason.
        public static let lock = Code(rawValue: "lock")
        /// The audit log is broken, or a line cannot be written to it.
        public static let auditLog = Code(rawValue: "audit_log")
        /// A read of the live systems that did not prove itself complete.
        static let incompleteRead = Code(rawValue: "incomplete_read")
        /// A write the config gives Rollcall nothing to make it with.
        public static let write = Code(rawValue: "write")
        /// The sandbox's seed or state cannot be used.
        public static let sandbox = Code(rawValue: "sandbox")
    }

    public var code: Code
    public var message: String
    public var place: ErrorPlace?

    public init(_ code: Code, _ message: String, place: ErrorPlace? = nil) {
        self.code = code
        self.message = message
        self.place = place
    }

    public var description: String { message }
    public var errorCode: String { code.rawValue }
    public var errorMessage: String { message }
    public var errorPlace: ErrorPlace? { place }
}
