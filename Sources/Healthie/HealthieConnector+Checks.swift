/// The light reads `rollcall doctor` makes before a first real plan.
extension HealthieConnector {
    /// The API version this connector sends in `Healthie-GraphQL-API-Version`.
    package var apiVersion: String { connection.apiVersion }

    /// The GraphQL endpoint this connector talks to.
    package var endpoint: String { connection.url }

    /// How many members the organization has, from one page of one member: only an admin key
    /// may list members, so this proves the key is one.
    package func countMembers() async throws -> Int {
        let data = try await run(
            documents.page, operation: "RollcallMembers", variables: PageVariables.forward(1, after: nil),
            as: MembersData.self)
        guard let total = data.organizationMembers?.total_count else {
            throw HealthieError(.malformedAnswer, "Healthie answered a member page without total_count")
        }
        return total
    }
}
