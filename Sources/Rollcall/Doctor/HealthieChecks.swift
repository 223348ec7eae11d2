import Healthie
import RollcallCore

/// Healthie before a first plan: the key authenticates, belongs to the config's organization
/// and to an admin, and the API version it sends draws no sunset warning.
struct HealthieChecks {
    let connector: HealthieConnector
    let config: Config
    let area = "Healthie"

    func run() async -> [DoctorReport.Check] {
        guard let healthie = config.healthie else { return [] }
        let host = connector.endpoint
        var checks: [DoctorReport.Check] = []
        let version = "the API version \(connector.apiVersion) is accepted"
        do {
            let organization = try await connector.keyOrganizationID()
            checks.append(.passed(area, "the API key authenticates", host))
            if let wanted = healthie.organizationID, let organization, organization != wanted {
                checks.append(
                    .failed(
                        area, "the key belongs to organization \(wanted)", "it belongs to organization \(organization)",
                        fix: "use a key of organization \(wanted), or correct systems.healthie.organization_id"))
            }
        } catch {
            checks.append(failure("the API key authenticates", error, host: host))
            if (error as? HealthieError)?.code == .unsupportedVersion {
                checks.append(failure(version, error, host: host))
            }
            return checks
        }
        do {
            let members = try await connector.countMembers()
            checks.append(.passed(area, "the API key is an admin key", counted(members, "member")))
        } catch {
            checks.append(failure("the API key is an admin key", error, host: host))
        }
        let warnings = await connector.warnings
        if warnings.isEmpty {
            checks.append(.passed(area, version, "sent in Healthie-GraphQL-API-Version; no deprecation warning"))
        } else {
            let latest = warnings.compactMap(\.latestVersion).max()
            checks.append(
                .failed(
                    area, version, warnings.map(\.description).joined(separator: "; "),
                    fix: "set systems.healthie.api_version to \(latest ?? "a current release"), then plan and check "
                        + "the changes Healthie lists for it"))
        }
        return checks
    }

    /// A failed check: Healthie's words and what to do about them.
    private func failure(_ name: String, _ error: any Error, host: String) -> DoctorReport.Check {
        guard let error = error as? HealthieError else {
            return .failed(area, name, "\(error)", fix: "check HEALTHIE_API_KEY")
        }
        let fix =
            switch error.code {
            case .badKey: "check HEALTHIE_API_KEY, and systems.healthie.base_url (\(host))"
            case .notAdmin:
                "create the key as an organization admin (Settings → Developer → API keys) and set "
                    + "HEALTHIE_API_KEY to it"
            case .unsupportedVersion: "set systems.healthie.api_version to a current release"
            default: "try again; if it persists, the message above is Healthie's"
            }
        return .failed(area, name, error.message, fix: fix)
    }
}
