/// An athenaOne API client's OAuth credentials. Never printed: its description hides the secret.
package struct AthenaCredentials: Sendable, CustomStringConvertible {
    package var clientID: String
    package var clientSecret: String

    package init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    package var description: String { "athenaOne client \(clientID) (secret hidden)" }
}
