import Foundation

/// What the `Healthie-GraphQL-API-Version` header selects, as Healthie's versioning guide describes.
struct HealthieVersion: Sendable, Equatable {
    /// Release dates the simulator knows; anything else is `UNSUPPORTED_API_VERSION`.
    static let releases = ["2024-06-01", "2025-10-15", "2026-01-01", "2026-07-01"]
    static let baseline = "2024-06-01"
    static let latest = "2026-07-01"
    /// The first release that pages `organizationMembers` and `users` by cursor.
    static let connectionsSince = "2026-01-01"
    /// Versions before this are sunset on `sunsetDate`.
    static let oldestSupportedAfterSunset = "2026-07-01"
    static let sunsetDate = "2027-01-31"

    struct Warning: Sendable, Equatable, Encodable {
        var code: String
        var message: String
        var sunset_date: String
        var latest_version: String
    }

    struct Rejection: Error, Sendable, Equatable {
        var code: String
        var message: String
    }

    var release: String
    var warnings: [Warning]

    var servesConnections: Bool { release >= Self.connectionsSince }

    /// The version a request asked for; `afterSunset` behaves as Healthie will from 2027-01-31.
    static func select(header: String?, afterSunset: Bool) -> Result<HealthieVersion, Rejection> {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            if afterSunset {
                return .failure(
                    Rejection(
                        code: "MISSING_API_VERSION_HEADER",
                        message: "The Healthie-GraphQL-API-Version header is required. Latest version: \(latest)."))
            }
            return .success(
                HealthieVersion(
                    release: baseline,
                    warnings: [
                        warning(
                            "MISSING_API_VERSION_HEADER",
                            "No Healthie-GraphQL-API-Version header was sent; the baseline \(baseline) was served."),
                        warning(
                            "API_VERSION_SUNSET_WARNING",
                            "API version \(baseline) will be sunset on \(sunsetDate)."),
                    ]))
        }
        guard releases.contains(header) else {
            return .failure(
                Rejection(
                    code: "UNSUPPORTED_API_VERSION",
                    message: "API version '\(header)' is not supported. Latest version: \(latest)."))
        }
        if header < oldestSupportedAfterSunset {
            if afterSunset {
                return .failure(
                    Rejection(
                        code: "UNSUPPORTED_API_VERSION",
                        message: "API version \(header) was sunset on \(sunsetDate). Latest version: \(latest)."))
            }
            return .success(
                HealthieVersion(
                    release: header,
                    warnings: [
                        warning("API_VERSION_SUNSET_WARNING", "API version \(header) will be sunset on \(sunsetDate).")
                    ]))
        }
        return .success(HealthieVersion(release: header, warnings: []))
    }

    private static func warning(_ code: String, _ message: String) -> Warning {
        Warning(code: code, message: message, sunset_date: sunsetDate, latest_version: latest)
    }
}
