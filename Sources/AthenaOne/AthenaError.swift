import Foundation
import RollcallCore
import RollcallHTTP

/// Something athenaOne refused, or an answer Rollcall could not use. The message
/// says what failed, for which practice or record, and what to do; athenaOne's
/// own words (`error`, `detailedmessage`, `missingfields`, `invalidfields`) are
/// kept, and so is the `X-Request-Id` support will ask for.
package struct AthenaError: CodedError, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// The client id or secret was refused by the token endpoint.
        case badCredentials
        /// The token lacks a scope this request needs (403).
        case missingScope
        /// A 401 that a fresh token did not cure.
        case unauthorized
        /// athenaOne refused the request (4xx) with its own reasons.
        case rejected
        /// No such record in this practice (404).
        case notFound
        /// Retries ran out (429, 5xx, connections dropped).
        case unavailable
        /// The answer was not what the API documents.
        case malformedAnswer
        /// A list changed while it was being read page by page.
        case changedDuringRead
        /// A list did not add up (counts, links, repeated ids) on two reads in a row.
        case inconsistentList
        /// An update was accepted but a read-back shows fields that did not take.
        case didNotStick
    }

    package var code: Code
    package var message: String
    package var status: Int?
    package var requestID: String?
    /// athenaOne's `error` and `detailedmessage`, when it sent them.
    package var apiError: String?
    package var apiDetail: String?
    package var missingFields: [String]
    package var invalidFields: [String]

    package init(
        _ code: Code, _ message: String, status: Int? = nil, requestID: String? = nil, apiError: String? = nil,
        apiDetail: String? = nil, missingFields: [String] = [], invalidFields: [String] = []
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.apiError = apiError
        self.apiDetail = apiDetail
        self.missingFields = missingFields
        self.invalidFields = invalidFields
    }

    package var description: String {
        var parts = [message]
        let said = [apiError, apiDetail].compactMap { $0 }.filter { !$0.isEmpty }
        if !said.isEmpty { parts.append("athenaOne said: \(said.joined(separator: " "))") }
        if !missingFields.isEmpty { parts.append("missing fields: \(missingFields.joined(separator: ", "))") }
        if !invalidFields.isEmpty { parts.append("invalid fields: \(invalidFields.joined(separator: ", "))") }
        if let status { parts.append("HTTP \(status)") }
        if let requestID { parts.append("request id \(requestID)") }
        return parts.joined(separator: "; ")
    }

    /// An error answer, in athenaOne's words where its body has them (gateway errors may have no body).
    static func answered(_ answer: HTTPAnswer, _ code: Code, _ message: String) -> AthenaError {
        let body = try? JSONDecoder().decode(AthenaErrorBody.self, from: answer.body)
        return AthenaError(
            code, message, status: answer.status, requestID: answer.requestID, apiError: body?.error,
            apiDetail: body?.detailedmessage ?? body?.error_description, missingFields: body?.missingfields ?? [],
            invalidFields: body?.invalidfields ?? [])
    }

    static func unavailable(_ failure: RetriesExhausted, _ what: String) -> AthenaError {
        AthenaError(.unavailable, "athenaOne did not answer \(what): \(failure); try again later")
    }

    static func malformed(_ answer: HTTPAnswer, _ what: String) -> AthenaError {
        AthenaError(
            .malformedAnswer, "athenaOne answered \(what) with something Rollcall cannot read", status: answer.status,
            requestID: answer.requestID)
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// athenaOne's error body, and the OAuth endpoint's.
struct AthenaErrorBody: Decodable {
    var error: String?
    var detailedmessage: String?
    var error_description: String?
    var missingfields: [String]?
    var invalidfields: [String]?
}

extension AthenaError {
    package var errorCode: String { "athena_" + code.rawValue.snakeCased }
    package var errorMessage: String { description }
}
