import Foundation
import Hummingbird

/// A form-encoded body (`application/x-www-form-urlencoded`), the only body athenaOne writes accept.
///
/// Lists travel as one comma-separated field, as the seed's form examples
/// write them: `departmentids=1,2`.
struct AthenaForm: Sendable {
    var fields: [String: String]

    subscript(key: String) -> String? { fields[key] }

    /// Reads the body after checking its content type: JSON (or anything but a form) is a 400.
    static func read(_ request: Request, body: ByteBuffer) throws(AthenaError) -> AthenaForm {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AthenaError(
                .badRequest, "Invalid content type.",
                detail:
                    "Send application/x-www-form-urlencoded, not \(contentType.isEmpty ? "no content type" : contentType)."
            )
        }
        return try parse(String(buffer: body))
    }

    static func parse(_ text: String) throws(AthenaError) -> AthenaForm {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw AthenaError(.badRequest, "Invalid form encoding.", detail: "'\(pair)' is not percent-encoded.")
            }
            guard fields[key] == nil else {
                throw AthenaError(.badRequest, "Duplicate field.", detail: "'\(key)' appears more than once.")
            }
            fields[key] = value
        }
        return AthenaForm(fields: fields)
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
