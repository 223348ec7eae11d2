import AthenaOne
import Healthie
import Rollcall
import RollcallHTTP
import Sandbox

/// The least a full read can cost: every list at the simulator's page size (100 for
/// athenaOne, as many members a Healthie page as the managed flags allow, 100 clients),
/// one token, one check of the Healthie key's organization; and the wall time those
/// requests need at a given latency: pages x RTT / concurrency. athenaOne's connector
/// never has more than `AthenaConnection.defaultMaxConcurrency` (8) requests in flight, so
/// after the token its pages take ceil(pages / 8) round trips. Healthie's member pages follow cursors from both ends
/// after the first page (two in flight), its client pages one after another, the two
/// lists and the organization check side by side.
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
        // Members are read from both ends, the halves sharing one member (`HealthieMemberRead`).
        let memberSize = HealthieMemberPage.size(permissionCount: managedFlags)
        let members = state.healthie.members.count
        let memberPages = members <= memberSize ? 1 : members / memberSize + 1
        let clientPages = min(pages(state.healthie.clients.count, 100), staffEmails + 1)
        minimumRequests = athena + memberPages + clientPages + 1
        let seconds = latency.inSeconds
        let athenaInFlight = AthenaConnection.defaultMaxConcurrency
        let athenaWall = seconds * Double(1 + (athena - 1 + athenaInFlight - 1) / athenaInFlight)
        let memberDepth = 1 + memberPages / 2
        let healthieWall = seconds * Double(max(memberDepth, clientPages))
        idealSeconds = max(athenaWall, healthieWall)
    }
}
