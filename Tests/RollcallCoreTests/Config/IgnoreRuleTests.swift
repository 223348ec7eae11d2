import RollcallCore
import Testing

/// `policy.ignore`: what a rule must say, and where a mistake in one is.
@Suite struct IgnoreRuleTests {
    static func policy(_ rules: String) -> String {
        """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 195900, departments: [Main Clinic] }
          healthie: { organization_id: "42" }
        policy:
          ignore:
        \(rules)
        """
    }

    @Test func aRuleIsReadWithItsAccountFieldsReasonAndEnd() throws {
        let result = load(
            Self.policy(
                """
                    - { account: "athena:main/scanner", fields: [departments, can_see_billing], reason: "kiosk, IT-4411", until: 2027-03-31 }
                    - { account: "healthie:it@clinic.org", reason: "audited yearly" }
                """))
        #expect(result.diagnostics.isEmpty)
        let rules = try #require(result.config?.policy.ignore)
        #expect(rules.map(\.account.description) == ["athena:main/scanner", "healthie:it@clinic.org"])
        #expect(rules.first?.fields == ["departments", "can_see_billing"])
        #expect(rules.first?.until?.description == "2027-03-31")
        #expect(rules.last?.fields == nil)
        #expect(rules.last?.until == nil)
    }

    @Test func aRuleWithoutAReasonIsRefused() {
        let result = load(Self.policy("    - { account: \"athena:main/scanner\" }"))
        let diagnostic = result.error(containing: "has no 'reason'")
        #expect(diagnostic?.message == "policy.ignore entry #1 has no 'reason'")
        #expect(position(diagnostic) == [9, 7])
    }

    @Test func anUnknownFieldIsNamedWithTheNearest() {
        let result = load(Self.policy("    - { account: \"athena:main/x\", fields: [departmnets], reason: r }"))
        let diagnostic = result.error(containing: "departmnets")
        #expect(
            diagnostic?.message
                == "'departmnets' in policy.ignore entry #1 is not a field drift reports; did you mean 'departments'?")
        #expect(position(diagnostic) == [9, 44])
    }

    @Test func anUntilThatIsNoDateAndAnAccountThatDoesNotParseAreRefused() {
        let result = load(
            Self.policy(
                """
                    - { account: "athena:main/x", reason: r, until: 2027-02-30 }
                    - { account: "ldap:x", reason: r }
                """))
        #expect(position(result.error(containing: "'2027-02-30', which is not a date")) == [9, 53])
        #expect(position(result.error(containing: "'ldap:x' of policy.ignore entry #2 does not parse")) == [10, 18])
    }

    @Test func aRuleForAPracticeTheConfigDoesNotDeclareIsAWarning() {
        let result = load(Self.policy("    - { account: \"athena:north/x\", reason: r }"))
        #expect(result.errors.isEmpty)
        #expect(
            result.diagnostics.map(\.message) == [
                "ignore rule for 'athena:north/x' names practice 'north', which is not declared, so it can match "
                    + "nothing"
            ])
    }

    @Test func aRuleThatCanMatchNothingIsAWarning() {
        let result = load(
            """
            version: 1
            systems:
              athena:
                practices:
                  main: { practiceid: 195900, departments: [Main Clinic] }
            policy:
              protected: [athena:main/apiuser]
              ignore:
                - { account: "athena:main/APIUSER", reason: integration }
                - { account: "healthie:x@clinic.org", reason: r }
            """)
        #expect(result.errors.isEmpty)
        #expect(
            result.diagnostics.map(\.message) == [
                "ignore rule for 'athena:main/APIUSER' names an account policy.protected also lists; protected "
                    + "accounts are never reported, so it can match nothing",
                "ignore rule for 'healthie:x@clinic.org' names a Healthie account, but systems.healthie is not "
                    + "declared, so it can match nothing",
            ])
    }
}
