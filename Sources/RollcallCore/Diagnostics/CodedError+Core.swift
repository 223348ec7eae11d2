/// The core's own errors, each with its stable code.
extension YAMLDecodingError: CodedError {
    package var errorCode: String { "config_invalid" }
    package var errorMessage: String { message }
    package var errorPlace: ErrorPlace? {
        ErrorPlace(file: location.file, line: location.line, column: location.column)
    }
}

extension PreconditionFailed: CodedError {
    package var errorCode: String { "stale" }
    package var errorMessage: String { description }
}

extension CSVTable.Problem: CodedError {
    public var errorCode: String { "roster_invalid" }
    public var errorMessage: String { message }
}

extension YAMLEmitter.Failure: CodedError {
    public var errorCode: String { "yaml_emit" }
    public var errorMessage: String { description }
}

extension ProtectedAccount.ParseError: CodedError {
    public var errorCode: String { "protected_account" }
    public var errorMessage: String { description }
}
