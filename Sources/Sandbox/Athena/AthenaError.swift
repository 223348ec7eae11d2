import Hummingbird

/// An athenaOne error answer: `{"error": ..., "detailedmessage": ...}`, with the
/// `missingfields` / `invalidfields` lists real answers carry on a bad write.
struct AthenaError: Error, Sendable, Encodable {
    var status: HTTPResponse.Status
    var error: String
    var detailedmessage: String?
    var missingfields: [String]?
    var invalidfields: [String]?

    enum CodingKeys: String, CodingKey { case error, detailedmessage, missingfields, invalidfields }

    init(
        _ status: HTTPResponse.Status, _ error: String, detail: String? = nil, missing: [String]? = nil,
        invalid: [String]? = nil
    ) {
        self.status = status
        self.error = error
        self.detailedmessage = detail
        self.missingfields = missing
        self.invalidfields = invalid
    }

    var response: Response { .json(status, encoding: self) }

    static func notFound(_ what: String) -> AthenaError {
        AthenaError(.notFound, "The \(what) is not in this practice.")
    }
}
