import RollcallCore
import Sandbox
import Testing

/// A seed and a config read scalars by the same rules (`ScalarRules`): a value means
/// the same thing in both, whatever YAML 1.1 would guess.
@Suite struct SeedScalarRulesTests {
    static func seed(username: String, userid: String = "101", active: String = "true") -> String {
        """
        athena:
          practices:
            "195900":
              departments:
              - {departmentid: 1, name: Main}
              users:
              - {userid: \(userid), username: \(username), firstname: ~, lastname: "No", usertype: STAFF, active: \(active)}
        """
    }

    static func config(username: String, userid: String = "101") -> String {
        """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 195900, departments: [Main] }
        roles:
          staff: { athena: { usertype: STAFF } }
        staff:
          - id: a
            first_name: ~
            last_name: No
            role: staff
            practices:
              main: { username: \(username), userid: \(userid) }
        """
    }

    static func loadConfig(_ text: String) -> ConfigLoader.Result {
        ConfigLoader.load(origin: "c.yaml", files: [ConfigSourceFile(path: "c.yaml", bytes: Array(text.utf8))])
    }

    @Test func textThatLooksLikeANumberOrNullStaysTextInBoth() throws {
        let state = try SandboxState.seed(yaml: Array(Self.seed(username: "0123").utf8), file: "s.yaml")
        let user = try #require(state.athena.practices["195900"]?.users.first)
        #expect(user.username == "0123")
        #expect(user.firstname == "~")
        #expect(user.lastname == "No")
        let config = try #require(Self.loadConfig(Self.config(username: "0123")).config)
        let staff = try #require(config.staff.first)
        #expect(staff.practices.first?.username == "0123")
        #expect(staff.firstName == "~")
        #expect(staff.lastName == "No")
    }

    @Test func aNumberWithALeadingZeroIsRefusedByBothForTheSameReason() {
        let reason = "a leading zero reads as octal in YAML 1.1"
        #expect(throws: SandboxSeedError.self) {
            try SandboxState.seed(yaml: Array(Self.seed(username: "ann", userid: "0101").utf8), file: "s.yaml")
        }
        do {
            _ = try SandboxState.seed(yaml: Array(Self.seed(username: "ann", userid: "0101").utf8), file: "s.yaml")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
        let config = Self.loadConfig(Self.config(username: "ann", userid: "0101"))
        #expect(config.config == nil)
        #expect(config.diagnostics.contains { $0.message.contains(reason) })
    }

    @Test(arguments: [("True", true), ("FALSE", false), ("true", true)])
    func booleansReadAlikeInBoth(text: String, value: Bool) throws {
        let state = try SandboxState.seed(yaml: Array(Self.seed(username: "ann", active: text).utf8), file: "s.yaml")
        #expect(state.athena.practices["195900"]?.users.first?.active == value)
        #expect(ScalarRules.boolean(text) == value)
    }

    @Test func yesAndNoAreNotBooleansInASeed() {
        #expect(throws: SandboxSeedError.self) {
            try SandboxState.seed(yaml: Array(Self.seed(username: "ann", active: "yes").utf8), file: "s.yaml")
        }
    }
}
