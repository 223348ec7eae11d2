import Healthie
import Rollcall
import RollcallHTTP
import Sandbox

/// The least a full read can cost: every list at the simulator's page size (100 for
/// athenaOne, as many members a Healthie page as the managed flags allow, 100 clients),
/// one token, one check of the Healthie key's organization; and the wall time those
/// requests need at a given latency when athenaOne pages run 8 at a time and Healthie's
/// cursor pages run one after another (the organization check runs beside them).
struct PlanBenchmarkBudget {
    var minimumRequests: Int
    var idealSeconds: Double

    init(state: SandboxState, staffEmails: Int, managedFlags: Int, latency: Duration) {
        func pages(_ count: Int, _ size: Int) -> Int { max(1, (count + size - 1) / size) }
        var athena = 1
        for practice in state.athena.practices.values {
            athena += pages(practice.users.count, 100) + pages(practice.providers.count, 100)
            athena += pages(practice.departments.count, 100)
        }
        let memberPages = pages(state.healthie.members.count, HealthieMemberPage.size(permissionCount: managedFlags))
        let clientPages = min(pages(state.healthie.clients.count, 100), staffEmails + 1)
        minimumRequests = athena + memberPages + clientPages + 1
        let seconds = latency.inSeconds
        let practices = Double(state.athena.practices.count)
        // The token, then every practice's first pages at once, then the rest 8 at a time.
        let athenaWall = seconds * (2 + (Double(athena - 1) - 3 * practices) / 8)
        let healthieWall = seconds * Double(memberPages + clientPages)
        idealSeconds = max(athenaWall, healthieWall)
    }
}
