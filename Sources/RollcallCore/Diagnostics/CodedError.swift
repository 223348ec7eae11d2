import Foundation

/// An error as a value a program can act on: a stable `errorCode` a script matches on
/// (`lock_held`, `athena_missing_scope`), the words a person reads, and where in a file the
/// problem lies when it lies in one. Each layer has its error type (the core's decoding and
/// CSV problems, the connectors' `AthenaError` and `HealthieError`, the orchestration's
/// `RollcallError`), and each conforms, so the CLI turns any of them into the same JSON.
public protocol CodedError: Error, Sendable {
    /// Lower-case words joined by `_`; never changes once released.
    var errorCode: String { get }
    var errorMessage: String { get }
    var errorPlace: ErrorPlace? { get }
}

extension CodedError {
    public var errorPlace: ErrorPlace? { nil }
}

/// Where a problem lies: a file, and a line and column in it when known.
public struct ErrorPlace: Sendable, Equatable, Codable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// `{"error": {"code", "message", "file", "line", "column"}}`: what a command prints on stdout
/// with `--format json` when it fails (`schemas/error.schema.json`), so CI can read why.
public struct ErrorReport: Sendable, Equatable, Encodable {
    public struct Body: Sendable, Equatable, Encodable {
        public var code: String
        public var message: String
        public var file: String?
        public var line: Int?
        public var column: Int?

        public init(code: String, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
            self.code = code
            self.message = message
            self.file = file
            self.line = line
            self.column = column
        }

        /// Nulls written out: every key is always there.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
        }

        enum CodingKeys: String, CodingKey { case code, message, file, line, column }
    }

    public var error: Body

    /// `internal`: an error no layer gave a code, which is a bug to report.
    package static let internalCode = "internal"

    public init(_ error: any Error) {
        guard let coded = error as? any CodedError else {
            self.error = Body(code: Self.internalCode, message: String(describing: error))
            return
        }
        let place = coded.errorPlace
        self.error = Body(
            code: coded.errorCode, message: coded.errorMessage, file: place?.file, line: place?.line,
            column: place?.column)
    }

    /// One line of JSON, keys sorted.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":null}"#
    }
}

extension Diagnostic {
    /// The diagnostic's file, line and column as an error's place.
    public var errorPlace: ErrorPlace? { file.map { ErrorPlace(file: $0, line: line, column: column) } }
}

extension String {
    /// `missingScope` as an error code's words: `missing_scope`.
    package var snakeCased: String {
        var words = ""
        for character in self {
            if character.isUppercase, !words.isEmpty { words.append("_") }
            words.append(contentsOf: character.lowercased())
        }
        return words
    }
}
