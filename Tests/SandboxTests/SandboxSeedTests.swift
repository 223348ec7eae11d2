import Foundation
import RollcallTestSupport
import Sandbox
import Testing

@Suite struct SandboxSeedTests {
    static let examples = RepositoryFiles.root.appendingPathComponent("examples")

    func seed(_ text: String) throws -> SandboxState {
        try SandboxState.seed(yaml: Array(text.utf8), file: "seed.yaml")
    }

    @Test(arguments: ["riverside", "solo"])
    func exampleSeedsLoadAndDriftOnPurpose(example: String) throws {
        let path = Self.examples.appendingPathComponent(example).appendingPathComponent("sandbox.yaml").path
        let state = try SandboxState.seed(yaml: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
        #expect(state.consistencyProblems().isEmpty)
        let users = state.athena.practices.values.flatMap(\.users)
        #expect(users.contains { $0.username == "tempfront" || $0.username == "frontdesk2" })
        let staffEmails = Set(state.healthie.members.map { $0.email.lowercased() })
        #expect(state.healthie.clients.contains { staffEmails.contains($0.email?.lowercased() ?? "") })
        let roundTrip = try SandboxState.decode(json: try state.encodedJSON(), file: "state.json")
        #expect(roundTrip == state)
    }

    /// athenaOne writes every value as a string and department ids as one comma-separated
    /// field; a seed copied from its answers reads the same as one written with plain values.
    @Test func aSeedMayWriteValuesAsAthenaOneDoes() throws {
        let asAthena = try seed(
            """
            athena:
              practices:
                "1":
                  departments: [{departmentid: "10", name: Clinic}, {departmentid: "11", name: Lab}]
                  users:
                    - {userid: "5", username: a, firstname: A, lastname: B, usertype: STAFF, active: "false", departmentids: "10, 11"}
            """)
        let plain = try seed(
            """
            athena:
              practices:
                "1":
                  departments: [{departmentid: 10, name: Clinic}, {departmentid: 11, name: Lab}]
                  users:
                    - {userid: 5, username: a, firstname: A, lastname: B, usertype: STAFF, active: false, departmentids: [10, 11]}
            """)
        #expect(asAthena == plain)
        #expect(asAthena.athena.practices["1"]?.users.first?.departmentids == [10, 11])
    }

    @Test func aMisspeltKeyIsNamedWithItsLineAndColumn() throws {
        let text = """
            athena:
              practices:
                "195900":
                  departments:
                    - { departmentid: 1, name: Main, hiden: true }
            """
        #expect {
            try seed(text)
        } throws: { error in
            "\(error)" == "seed.yaml:5:42: error: unknown key 'hiden'; did you mean 'hidden'?"
        }
    }

    @Test func wrongTypesAndContradictionsAreRefused() throws {
        #expect {
            try seed("athena:\n  practices:\n    \"1\":\n      departments: [{departmentid: one, name: A}]\n")
        } throws: { error in
            "\(error)".hasPrefix("seed.yaml:4:36: error: 'athena.practices.1.departments[0].departmentid'")
        }
        let duplicate = """
            athena:
              practices:
                "1":
                  users:
                    - {userid: 1, username: a, firstname: A, lastname: B, usertype: STAFF, departmentids: [7]}
                    - {userid: 2, username: A, firstname: A, lastname: B, usertype: BOSS}
            """
        // Every contradiction at once, each on its own line at the record it is about.
        #expect {
            try seed(duplicate)
        } throws: { error in
            "\(error)".split(separator: "\n") == [
                "seed.yaml:6:11: error: athena.practices.1 username 'a' appears more than once",
                "seed.yaml:5:11: error: athena.practices.1 user 'a': department 7 is not in the practice",
                "seed.yaml:6:11: error: athena.practices.1 user 'A': usertype 'BOSS' is not STAFF, PROVIDER or ADMIN",
            ]
        }
        let problems = SandboxState(
            athena: AthenaState(practices: [
                "1": AthenaPractice(users: [
                    AthenaUser(
                        userid: 1, username: "a", firstname: "A", lastname: "B", usertype: "BOSS", departmentids: [7])
                ])
            ])
        ).consistencyProblems()
        #expect(
            problems == [
                "athena.practices.1 user 'a': usertype 'BOSS' is not STAFF, PROVIDER or ADMIN",
                "athena.practices.1 user 'a': department 7 is not in the practice",
            ])
    }
}
