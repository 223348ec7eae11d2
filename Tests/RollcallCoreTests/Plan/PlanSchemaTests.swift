import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/plan.schema.json` is pinned to what the encoder writes, both ways: every
/// plan the generated clinics give validates against it, and every property it
/// documents is written by at least one of them.
@Suite struct PlanSchemaTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/plan.schema.json")

    /// Plans of the generated clinics as `--out` saves them: with what was read, the config's
    /// digest and each change's live digest; and again under a policy strict enough to refuse.
    static func documents() throws -> [(name: String, json: Data)] {
        var documents: [(String, Data)] = []
        for seed in UInt64(1)...30 {
            let scenario = try PlannerPropertyTests.scenario(seed: seed)
            var strict = scenario.config.policy
            strict.maxDeactivations = .count(0)
            strict.minAdmins = 3
            for (label, policy) in [("lenient", scenario.config.policy), ("strict", strict)] {
                var plan = Planner.plan(
                    config: scenario.config, live: scenario.live, policy: policy, today: PlanFixture.today)
                if label == "strict", seed.isMultiple(of: 2) { plan = plan.allowingMassDeactivation() }
                var read = ReadSummary(state: scenario.live)
                read.requests = 12
                read.seconds = 0.25
                var document = try PlanDocument(
                    plan: plan, policy: policy, config: ["clinic.yaml"],
                    configDigest: String(repeating: "cd", count: 32),
                    read: read
                ).sealed()
                if seed.isMultiple(of: 3) { document = try document.signed(key: Array("a plan key, 16+ bytes".utf8)) }
                documents.append(("seed \(seed) \(label)", try document.encoded()))
            }
        }
        let providers = PlanDocument(
            plan: try providersPlan(), policy: .defaults, config: ["clinic.yaml"], configDigest: nil, read: nil)
        documents.append(("providers", try providers.encoded()))
        // Changes a roster drives carry the row they come from.
        let roster = try RosterFixture.config(rows: [RosterFixture.row("1042"), RosterFixture.row("7", "Bo", "Li")])
        let rosterPlan = RosterFixture.plan(roster, PlanFixture.live())
        var sourced = PlanDocument(
            plan: rosterPlan, policy: roster.policy, config: ["clinic"], configDigest: nil, read: nil)
        sourced.configFiles = [ConfigFileDigest(name: "clinic.yaml", sha256: String(repeating: "ab", count: 32))]
        documents.append(("roster", try sourced.encoded()))
        return documents
    }

    /// What the generated clinics lack: physicians with NPIs and supervisors, a new one and a renamed one.
    static func providersPlan() throws -> Plan {
        let config = try PlanFixture.config(
            staff: """
                  - { id: mark.smith, first_name: Mark, last_name: Smith, email: mark@clinic.org, role: physician,
                      npi: "1245319599", practices: { main: { username: msmith, departments: [Main Clinic] } } }
                  - { id: jane.doe, first_name: Jane, last_name: Doe, email: jane@clinic.org, role: physician,
                      npi: "1234567893", practices: { main: { username: jdoe, departments: [Lab], supervising: mark.smith } } }
                  - { id: ann.new, first_name: Ann, last_name: New, email: ann@clinic.org, role: physician,
                      npi: "1434640979", practices: { main: { username: anew, departments: [Lab], supervising: mark.smith } } }
                """)
        let live = PlanFixture.live(
            main: [
                PlanFixture.user(1, "msmith", first: "Mark", last: "Smith", type: "PROVIDER", providerID: 9),
                PlanFixture.user(2, "jdoe", first: "Jane", last: "Roe", type: "PROVIDER", departments: [3]),
            ],
            providers: [LiveAthenaProvider(providerID: 9, firstName: "Mark", lastName: "Smith", userID: 1)],
            members: [PlanFixture.member("7", "jane@clinic.org", orgRole: "Standard")])
        return PlanFixture.plan(config, live)
    }

    @Test func everyPlanValidatesAndEverySchemaPropertyIsWritten() throws {
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        for document in try Self.documents() {
            try check.check(document.json, name: document.name)
        }
        #expect(check.problems.prefix(10) == [])
        let unused = check.declaredProperties.subtracting(check.usedProperties)
        #expect(unused.sorted() == [], "the schema documents properties no plan writes")
    }

    /// Every kind of finding, change and severity the model has is one the schema allows, and no more.
    @Test func theSchemaEnumsAreTheModelsCases() throws {
        let schema = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: Self.schemaFile))
        let definitions = schema["$defs"]
        #expect(
            Set(definitions?["finding"]?["properties"]?["kind"]?["enum"]?.texts ?? [])
                == Set(Finding.Kind.allCases.map(\.rawValue)))
        #expect(
            Set(definitions?["finding"]?["properties"]?["severity"]?["enum"]?.texts ?? [])
                == Set(Finding.Severity.allCases.map(\.rawValue)))
        #expect(
            Set(definitions?["change"]?["properties"]?["action"]?["enum"]?.texts ?? [])
                == Set(PlannedChange.Action.allCases.map(\.rawValue)))
    }

    /// The check itself can fail: a key the schema lacks, a missing required key and a wrong type are caught.
    @Test func theCheckCatchesWhatTheSchemaForbids() throws {
        let schema = try Data(contentsOf: Self.schemaFile)
        let valid = try #require(try Self.documents().first).json
        var object = try #require(try JSONSerialization.jsonObject(with: valid) as? [String: Any])
        object["surprise"] = 1
        object["format_version"] = "one"
        object.removeValue(forKey: "changes")
        var check = try JSONSchemaCheck(schema: schema)
        try check.check(try JSONSerialization.data(withJSONObject: object), name: "broken")
        #expect(check.problems.contains { $0.contains("'surprise' is not in the schema") })
        #expect(check.problems.contains { $0.contains("'changes' is required") })
        #expect(check.problems.contains { $0.contains("broken.format_version") })
    }
}
