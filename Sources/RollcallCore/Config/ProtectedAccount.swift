/// A live account Rollcall must never change nor report as unmanaged (`policy.protected`).
public enum ProtectedAccount: Sendable, Hashable, CustomStringConvertible {
    /// `athena:PRACTICE/USERNAME`
    case athena(practice: String, username: String)
    /// `healthie:EMAIL`
    case healthie(email: String)

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unknownSystem(String)
        case missingUsername
        case missingPractice
        case badEmail(String)

        public var description: String {
            switch self {
            case .unknownSystem(let system):
                "'\(system)' is not a system; write athena:PRACTICE/USERNAME or healthie:EMAIL"
            case .missingPractice: "an athena entry names a practice: athena:PRACTICE/USERNAME"
            case .missingUsername: "an athena entry names a username after the practice: athena:PRACTICE/USERNAME"
            case .badEmail(let reason): "a healthie entry names an email address, but \(reason)"
            }
        }
    }

    public static func parse(_ text: String) -> Result<ProtectedAccount, ParseError> {
        guard let colon = text.firstIndex(of: ":") else { return .failure(.unknownSystem(text)) }
        let system = String(text[..<colon])
        let rest = String(text[text.index(after: colon)...])
        switch system {
        case "athena":
            guard let slash = rest.firstIndex(of: "/") else {
                return .failure(rest.isEmpty ? .missingPractice : .missingUsername)
            }
            let practice = String(rest[..<slash])
            let username = String(rest[rest.index(after: slash)...])
            guard !practice.isEmpty else { return .failure(.missingPractice) }
            guard !username.isEmpty, !username.contains("/"), !username.contains(" ") else {
                return .failure(.missingUsername)
            }
            return .success(.athena(practice: practice, username: username))
        case "healthie":
            if let reason = EmailAddress.problem(with: rest) { return .failure(.badEmail(reason)) }
            return .success(.healthie(email: rest))
        default:
            return .failure(.unknownSystem(system))
        }
    }

    public var description: String {
        switch self {
        case .athena(let practice, let username): "athena:\(practice)/\(username)"
        case .healthie(let email): "healthie:\(email)"
        }
    }
}
