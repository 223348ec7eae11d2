import RollcallCore
import Testing

/// `base_url` is judged on its parsed host: plain http only to loopback, never credentials,
/// a query or a fragment, and never a URL without a host.
@Suite struct BaseURLTests {
    static func config(_ url: String) -> String {
        """
        version: 1
        systems:
          athena:
            base_url: "\(url)"
            practices: { main: { practiceid: 1, departments: [Clinic] } }
        roles: { nurse: { athena: { usertype: STAFF } } }
        staff: []
        """
    }

    @Test(arguments: [
        "https://api.platform.athenahealth.com", "http://localhost:8080", "http://127.0.0.1:4000/",
        "http://127.10.0.3", "http://[::1]:9000", "HTTPS://Example.org/base",
    ])
    func theseAreAccepted(url: String) {
        let result = load(Self.config(url))
        #expect(result.config != nil, "\(url): \(result.diagnostics.map(\.message))")
    }

    @Test(arguments: [
        ("http://localhost.evil.example", "'localhost.evil.example' is not"),
        ("http://127.0.0.1.nip.io", "'127.0.0.1.nip.io' is not"),
        ("http://10.0.0.5", "'10.0.0.5' is not"),
        ("https://", "names no host"),
        ("https://:443/x", "names no host"),
        ("https://api.example.org/?token=1", "query or a fragment"),
        ("https://api.example.org/#x", "query or a fragment"),
        ("https://user:pass@api.example.org", "holds credentials"),
        ("ftp://api.example.org", "must start with https://"),
    ])
    func theseAreRefusedByValidate(url: String, reason: String) {
        let result = load(Self.config(url))
        #expect(result.config == nil)
        #expect(
            result.diagnostics.contains { $0.message.contains(reason) }, "\(url): \(result.diagnostics.map(\.message))")
    }
}
