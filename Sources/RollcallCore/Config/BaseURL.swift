/// What makes a `base_url` unusable, decided on the parsed URL, never on how its text
/// starts: `http://localhost.evil.example` is not loopback, whatever it begins with.
public enum BaseURL {
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case notHTTP
        case noHost
        case credentials
        case plainHTTPOffLoopback(host: String)
        case queryOrFragment

        public var description: String {
            switch self {
            case .notHTTP: "it must start with https:// (plain http is allowed only on loopback)"
            case .noHost: "it names no host"
            case .credentials: "it holds credentials; secrets come from the environment"
            case .plainHTTPOffLoopback(let host):
                "it must start with https:// (plain http is allowed only on loopback, and '\(host)' is not)"
            case .queryOrFragment: "it has a query or a fragment"
            }
        }
    }

    public static func problem(with text: String) -> Problem? {
        let lower = text.lowercased()
        let secure: Bool
        let rest: Substring
        if lower.hasPrefix("https://") {
            secure = true
            rest = text.dropFirst("https://".count)
        } else if lower.hasPrefix("http://") {
            secure = false
            rest = text.dropFirst("http://".count)
        } else {
            return .notHTTP
        }
        if rest.contains("?") || rest.contains("#") { return .queryOrFragment }
        let authority = rest.prefix { $0 != "/" }
        if authority.contains("@") { return .credentials }
        let host = Self.host(of: authority)
        guard !host.isEmpty else { return .noHost }
        if !secure && !isLoopback(host) { return .plainHTTPOffLoopback(host: host) }
        return nil
    }

    /// The authority less its port: `[::1]:8080` is `::1`, `127.0.0.1:80` is `127.0.0.1`.
    static func host(of authority: Substring) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
        }
        return String(authority.prefix { $0 != ":" }).lowercased()
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.first == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && (Int(part) ?? 256) <= 255
        }
    }
}
