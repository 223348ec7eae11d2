import RollcallCore

/// Something Healthie refused, or an answer Rollcall could not use, in words a
/// clinic admin can act on; Healthie's own messages are kept.
package struct HealthieError: CodedError, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// The API key was refused (`UNAUTHENTICATED`).
        case badKey
        /// The key works but is not an organization admin's (`FORBIDDEN`).
        case notAdmin
        /// The `Healthie-GraphQL-API-Version` was refused.
        case unsupportedVersion
        /// A write came back with `messages { field message }`: nothing was changed.
        case validation
        /// Healthie answered with errors Rollcall has no special meaning for.
        case rejected
        /// Retries ran out (rate limits, 5xx, connections dropped).
        case unavailable
        case malformedAnswer
        /// No membership by the id a write names.
        case notFound
        /// The member list changed while it was read page by page.
        case changedDuringRead
        /// The member list did not add up (count, repeated ids, looping cursors) on two reads in a row.
        case inconsistentList
        /// A write was accepted but the membership does not show it.
        case didNotStick
    }

    package struct FieldMessage: Sendable, Equatable, Codable {
        package var field: String?
        package var message: String
    }

    package var code: Code
    package var message: String
    /// Healthie's `messages` for a write, or its `errors[].message`.
    package var messages: [FieldMessage]
    package var requestID: String?

    package init(_ code: Code, _ message: String, messages: [FieldMessage] = [], requestID: String? = nil) {
        self.code = code
        self.message = message
        self.messages = messages
        self.requestID = requestID
    }

    package var description: String {
        var parts = [message]
        if !messages.isEmpty {
            let said = messages.map { entry in entry.field.map { "\($0): \(entry.message)" } ?? entry.message }
            parts.append("Healthie said: \(said.joined(separator: "; "))")
        }
        if let requestID { parts.append("request id \(requestID)") }
        return parts.joined(separator: "; ")
    }
}

/// A warning Healthie attached to an answer (`extensions.warnings`), such as a version nearing its sunset.
package struct HealthieWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    package var code: String
    package var message: String
    package var sunsetDate: String?
    package var latestVersion: String?

    enum CodingKeys: String, CodingKey {
        case code, message
        case sunsetDate = "sunset_date"
        case latestVersion = "latest_version"
    }

    package var description: String {
        var text = "Healthie: \(message)"
        if let latestVersion { text += " (latest version: \(latestVersion); set systems.healthie.api_version)" }
        return text
    }
}

extension HealthieError {
    package var errorCode: String { "healthie_" + code.rawValue.snakeCased }
    package var errorMessage: String { description }
}
