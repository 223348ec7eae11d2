import AthenaOne
import RollcallCore

/// athenaOne before a first plan: the token and its scopes, then each practice's users (one
/// page) and departments (every declared one found).
struct AthenaChecks {
    let connector: AthenaConnector
    let config: Config
    let area = "athenaOne"

    func run() async -> [DoctorReport.Check] {
        guard let athena = config.athena else { return [] }
        let host = connector.host
        var checks: [DoctorReport.Check] = []
        do {
            try await connector.checkToken()
            checks.append(.passed(area, "a token is granted", host))
            checks += AthenaConnector.requiredScopes.map { .passed(area, "scope \($0) is granted") }
        } catch let error as AthenaError where error.code == .missingScope {
            checks.append(.passed(area, "the client's credentials are accepted", host))
            checks += await scopeChecks()
            return checks + skippedPractices(athena, because: "a scope is missing")
        } catch {
            checks.append(
                .failed(
                    area, "a token is granted", "\(error)",
                    fix: "check ATHENA_CLIENT_ID and ATHENA_CLIENT_SECRET, and systems.athena.base_url (\(host))"))
            return checks + skippedPractices(athena, because: "no token")
        }
        for practice in athena.practices { checks += await practiceChecks(practice) }
        return checks
    }

    private func scopeChecks() async -> [DoctorReport.Check] {
        do {
            return try await connector.grantedScopes().map { scope, granted in
                granted
                    ? .passed(area, "scope \(scope) is granted")
                    : .failed(
                        area, "scope \(scope) is granted", "athenaOne answered invalid_scope",
                        fix: "grant \(scope) to the API client in athenahealth's Developer Portal")
            }
        } catch {
            return [
                .failed(
                    area, "both scopes are granted", "\(error)",
                    fix: "grant \(AthenaConnector.requiredScopes.joined(separator: " and ")) to the API client")
            ]
        }
    }

    private func skippedPractices(_ athena: AthenaSettings, because reason: String) -> [DoctorReport.Check] {
        athena.practices.map { .skipped(area, "practice \($0.key) (\($0.practiceID)) readable", because: reason) }
    }

    private func practiceChecks(_ practice: Practice) async -> [DoctorReport.Check] {
        let name = "practice \(practice.key) (\(practice.practiceID))"
        let idFix =
            "check systems.athena.practices.\(practice.key).practiceid: the API client sees no practice "
            + "\(practice.practiceID)"
        var checks: [DoctorReport.Check] = []
        do {
            let users = try await connector.countUsers(practiceID: practice.practiceID)
            checks.append(.passed(area, "\(name): users are readable", counted(users, "user")))
        } catch {
            checks.append(failure("\(name): users are readable", error, idFix))
            return checks
        }
        do {
            let live = Set(try await connector.departments(practiceID: practice.practiceID).map(\.name))
            let missing = practice.departments.filter { !live.contains($0) }
            if missing.isEmpty {
                checks.append(
                    .passed(
                        area, "\(name): every declared department is found",
                        counted(practice.departments.count, "department")))
            } else {
                checks.append(
                    .failed(
                        area, "\(name): every declared department is found",
                        "not found: " + missing.map { "'\($0)'" }.joined(separator: ", "),
                        fix: "spell each as athenaOne does (names are exact): the practice has "
                            + live.sorted().map { "'\($0)'" }.joined(separator: ", ")))
            }
        } catch {
            checks.append(failure("\(name): every declared department is found", error, idFix))
        }
        return checks
    }

    /// A failed practice check: athenaOne's words and what to do about them.
    private func failure(_ name: String, _ error: any Error, _ idFix: String) -> DoctorReport.Check {
        guard let error = error as? AthenaError else {
            return .failed(area, name, "\(error)", fix: "try again; see the error")
        }
        let fix =
            switch error.code {
            case .notFound: idFix
            case .missingScope: "grant the scope the message names to the API client"
            default: "try again; if it persists, the message above is athenaOne's"
            }
        return .failed(area, name, error.message, fix: fix)
    }
}
