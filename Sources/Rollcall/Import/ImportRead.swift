import RollcallCore
import RollcallHTTP

/// What `rollcall import` reads: the snapshot `plan` reads, then the Healthie clients under
/// any email an account holds (a config's staff emails are not known yet), and the
/// organization the Healthie key belongs to, which the written config pins.
struct ImportRead: Sendable {
    var snapshot: Snapshot
    var organizationID: String?

    static func read(config: Config, systems: LiveSystems, progress: ProgressSink?) async throws -> ImportRead {
        var snapshot = await SnapshotReader.read(config: config, systems: systems, progress: progress)
        try snapshot.requireComplete("nothing is imported", command: "import")
        guard let healthie = systems.healthie, var organization = snapshot.state.healthie else {
            return ImportRead(snapshot: snapshot, organizationID: nil)
        }
        var emails = Set(organization.members.map { $0.email.lowercased() })
        for practice in snapshot.state.athena {
            for user in practice.users {
                if let email = user.email, !email.isEmpty { emails.insert(email.lowercased()) }
            }
        }
        organization.misroutedClients = try await healthie.clients(matching: emails.sorted())
        snapshot.state.healthie = organization
        snapshot.summary.healthieClientsMatched = organization.misroutedClients.count
        return ImportRead(snapshot: snapshot, organizationID: try await healthie.keyOrganizationID())
    }
}
