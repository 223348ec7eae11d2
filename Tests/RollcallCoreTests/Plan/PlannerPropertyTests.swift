import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// Properties over many generated clinics: applying a plan leaves nothing to plan,
/// and the same inputs always give byte-identical JSON.
@Suite struct PlannerPropertyTests {
    struct Scenario {
        var config: Config
        var live: LiveState
    }

    /// A clinic of up to 40 staff and a live state that drifts from it every way the planner knows:
    /// missing, renamed, moved, deactivated, offboarded, expired, unmanaged, with Healthie flags off.
    static func scenario(seed: UInt64) throws -> Scenario {
        var random = SeededGenerator(seed: seed)
        let roles = ["nurse", "front-desk", "admin"]
        let departments = ["Main Clinic", "Pediatrics", "Lab"]
        let policies = ["report", "deactivate", "ignore"]
        var yaml = ""
        var main: [LiveAthenaUser] = []
        var north: [LiveAthenaUser] = []
        var members: [LiveHealthieMember] = []
        let count = Int.random(in: 1...40, using: &random)
        for index in 0..<count {
            let role = roles.randomElement(using: &random) ?? "nurse"
            let status = Int.random(in: 0..<8, using: &random) == 0 ? "offboarded" : "active"
            let expires =
                Int.random(in: 0..<6, using: &random) == 0
                ? ", expires: 2026-11-\(Int.random(in: 10...28, using: &random))" : ""
            let picked = departments.filter { _ in Bool.random(using: &random) }
            let inNorth = Bool.random(using: &random)
            yaml += "  - { id: s\(index), first_name: F\(index), last_name: L\(index), email: s\(index)@clinic.org, "
            yaml += "role: \(role), status: \(status)\(expires), practices: { main: { username: u\(index), "
            yaml += "departments: [\(picked.joined(separator: ", "))] }"
            yaml += inNorth ? ", north: { username: u\(index), departments: [North Clinic] } } }\n" : " } }\n"
            let drift = Int.random(in: 0..<6, using: &random)
            if drift != 0 {
                main.append(
                    LiveAthenaUser(
                        userID: 1_000 + index, username: drift == 1 ? "U\(index)" : "u\(index)",
                        firstName: drift == 2 ? "Old" : "F\(index)", lastName: "L\(index)",
                        userType: drift == 3 ? "STAFF" : role == "admin" ? "ADMIN" : "STAFF",
                        active: drift != 4, email: drift == 5 ? nil : "s\(index)@clinic.org",
                        departmentIDs: [Int.random(in: 1...3, using: &random)]))
            }
            if inNorth, Bool.random(using: &random) {
                north.append(
                    LiveAthenaUser(
                        userID: 2_000 + index, username: "u\(index)", firstName: "F\(index)", lastName: "L\(index)",
                        userType: "STAFF", active: Bool.random(using: &random)))
            }
            if role != "front-desk", Bool.random(using: &random) {
                members.append(
                    LiveHealthieMember(
                        userID: String(5_000 + index), membershipID: "m\(5_000 + index)",
                        email: Bool.random(using: &random) ? "S\(index)@Clinic.org" : "s\(index)@clinic.org",
                        firstName: "F", lastName: "L", active: Bool.random(using: &random),
                        orgRole: Bool.random(using: &random) ? "Standard" : "Support",
                        isAdmin: Bool.random(using: &random), isProvider: false,
                        permissions: ["can_view_labs": Bool.random(using: &random)]))
            }
        }
        for extra in 0..<Int.random(in: 0...3, using: &random) {
            main.append(
                LiveAthenaUser(
                    userID: 9_000 + extra, username: "hand\(extra)", firstName: "H", lastName: "X", userType: "STAFF"))
            members.append(
                LiveHealthieMember(
                    userID: String(9_000 + extra), membershipID: "m9\(extra)", email: "stray\(extra)@x.org",
                    firstName: "S",
                    lastName: "X", active: true, orgRole: "Standard", isAdmin: false, isProvider: false,
                    permissions: [:]))
        }
        let policy =
            "  unmanaged: \(policies.randomElement(using: &random) ?? "report")\n  max_deactivations: 1000\n  min_admins: 0"
        let config = try PlanFixture.config(staff: yaml, policy: policy)
        var live = PlanFixture.live(main: main.shuffled(using: &random), north: north, members: members)
        live.athena[0].users.sort { $0.userID < $1.userID }
        return Scenario(config: config, live: live)
    }

    @Test(arguments: 1...60)
    func applyingAPlanLeavesNothingToPlan(seed: UInt64) throws {
        let scenario = try Self.scenario(seed: seed)
        let plan = PlanFixture.plan(scenario.config, scenario.live)
        let after = scenario.live.applying(plan)
        let again = PlanFixture.plan(scenario.config, after)
        #expect(again.changes == [], "seed \(seed): \(again.changes.map(\.address.description))")
    }

    @Test(arguments: 1...20)
    func theSameInputsGiveByteIdenticalJSON(seed: UInt64) throws {
        let scenario = try Self.scenario(seed: seed)
        func json(_ live: LiveState) throws -> Data {
            try PlanDocument(
                plan: PlanFixture.plan(scenario.config, live), policy: scenario.config.policy, config: ["clinic.yaml"],
                configDigest: nil, read: nil
            ).sealed().encoded()
        }
        let first = try json(scenario.live)
        #expect(try json(scenario.live) == first)
        var reordered = scenario.live
        reordered.athena.reverse()
        reordered.healthie?.members.reverse()
        #expect(try json(reordered) == first, "seed \(seed): the order live records arrive in must not matter")
    }

    /// The plan JSON reads back into the same plan, so a saved plan is the plan that was reviewed.
    @Test func aPlanDocumentRoundTrips() throws {
        let scenario = try Self.scenario(seed: 7)
        let document = try PlanDocument(
            plan: PlanFixture.plan(scenario.config, scenario.live), policy: scenario.config.policy,
            config: ["clinic.yaml"], configDigest: "abc", read: ReadSummary(state: scenario.live)
        ).sealed()
        let decoded = try JSONDecoder().decode(PlanDocument.self, from: try document.encoded())
        #expect(decoded == document)
        #expect(!document.changes.isEmpty)
    }
}
