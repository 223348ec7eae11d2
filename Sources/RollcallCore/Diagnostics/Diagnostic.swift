/// One problem found in a config, as a value: gathered, sorted and rendered in one place.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file the problem is in; `nil` for a problem with the whole run.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to do about it, when that is not obvious from the message.
    public var hint: String?

    public init(
        _ severity: Severity, file: String?, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            .error, file: location.file, line: location.line, column: location.column, message: message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            .warning, file: location.file, line: location.line, column: location.column, message: message, hint: hint)
    }

    /// A problem with a whole file or directory, such as one that cannot be read.
    public static func error(_ message: String, file: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, message: message, hint: hint)
    }

    package var isError: Bool { severity == .error }

    /// `FILE:LINE:COL` as compilers write it (`rollcall` for a problem with the whole run), which
    /// editors and CI annotators turn into links.
    public var place: String {
        var place = file ?? "rollcall"
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place
    }
}

extension Diagnostic: Comparable {
    /// Orders by file, then position, so output is stable whatever order checks ran in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let left = (lhs.file ?? "", lhs.line ?? 0, lhs.column ?? 0, lhs.message)
        let right = (rhs.file ?? "", rhs.line ?? 0, rhs.column ?? 0, rhs.message)
        return left < right
    }
}
