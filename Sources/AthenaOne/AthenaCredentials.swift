/// An athenaOne API client's OAuth credentials. Never printed: its description hides the secret.
public struct AthenaCredentials: Sendable, CustomStringConvertible {
    public var clientID: String
    public var clientSecret: String

    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public var description: String { "athenaOne client \(clientID) (secret hidden)" }
}
