import RollcallCore
import Testing

@Suite struct ConfigLoadingTests {
    @Test func aValidConfigResolvesWithTextKeptAsWritten() throws {
        let result = load(
            clinicHead + """
                  - id: jane.doe
                    first_name: Jane
                    last_name: No
                    email: Jane.Doe@riverside.org
                    role: physician
                    npi: "1234567893"
                    practices:
                      main: { username: jdoe, departments: [Main Clinic, Pediatrics] }
                      north: { username: 0123, departments: [North Clinic] }
                  - id: sam.locum
                    first_name: Null
                    last_name: Okafor
                    email: sam@riverside.org
                    role: nurse
                    expires: 2026-12-31
                    practices:
                      north: { username: sokafor, departments: [North Clinic], supervising: jane.doe }
                  - id: old.timer
                    status: offboarded
                    email: old.timer@riverside.org

                """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let config = try #require(result.config)
        #expect(config.version == 1)
        #expect(config.athena?.practices.map(\.key) == ["main", "north"])
        #expect(config.athena?.practice("main")?.practiceID == 195_900)
        #expect(
            config.healthie
                == HealthieSettings(baseURL: nil, organizationID: nil, apiVersion: nil, sendInviteEmail: false))
        #expect(config.policy == .defaults)
        #expect(config.roles["physician"]?.athena?.usertype == .provider)
        #expect(config.roles["nurse"]?.healthie?.orgRole == .support)
        let jane = try #require(config.staff.first)
        #expect(jane.lastName == "No")
        #expect(jane.practices.map(\.username) == ["jdoe", "0123"])
        #expect(jane.declaredAt.line == 18)
        let sam = config.staff[1]
        #expect(sam.firstName == "Null")
        #expect(sam.expires == CalendarDate(year: 2026, month: 12, day: 31))
        #expect(
            sam.practices.first?.supervising == SupervisorAccount(staffID: "jane.doe", username: "0123", userID: nil))
        #expect(config.staff[2].status == .offboarded)
        #expect(config.staff[2].role == nil)
        #expect(jane.role == config.roles[jane.role?.name ?? ""], "the role resolves to the one the config defines")
    }

    @Test func unknownKeysAreErrorsWithASuggestion() {
        let result = load(
            """
            version: 1
            systems:
              athena:
                practices:
                  main: { practiceid: 195900, departmnets: [Lab] }
            staff: []
            """)
        let diagnostic = result.error(containing: "unknown key 'departmnets'")
        #expect(diagnostic?.message == "unknown key 'departmnets' in practice 'main'; did you mean 'departments'?")
        #expect(position(diagnostic) == [5, 35])
        #expect(result.config == nil)
    }

    @Test func unknownTopLevelKeyWithoutACloseMatchHasNoSuggestion() {
        let result = load("version: 1\nemployees: []\n")
        #expect(
            result.error(containing: "unknown key")?.message == "unknown key 'employees' in the top level of the file")
    }

    @Test(arguments: [
        ("\"195900\"", "'practiceid' must be a whole number, but \"195900\" is quoted text"),
        ("195900.0", "'practiceid' must be a whole number, not '195900.0'"),
        ("0x2FD3C", "'practiceid' must be a whole number, not '0x2FD3C'"),
        ("1_95900", "'practiceid' must be a whole number, not '1_95900'"),
        (
            "0195900",
            "'practiceid' must be a whole number, not '0195900' (a leading zero reads as octal in YAML 1.1; leave it out)"
        ),
        ("[195900]", "'practiceid' must be a whole number, not a list"),
        ("-5", "'practiceid' must be a positive number, not -5"),
    ])
    func practiceIDMustBeAPlainWholeNumber(written: String, message: String) {
        let result = load(
            """
            version: 1
            systems:
              athena:
                practices:
                  main: { practiceid: \(written), departments: [Lab] }
            """)
        let diagnostic = result.error(containing: "practiceid")
        #expect(diagnostic?.message == message)
        #expect(position(diagnostic) == [5, 27])
    }

    @Test(arguments: ["yes", "no", "on", "Off", "1", "\"true\""])
    func booleansAreOnlyTrueOrFalse(_ written: String) {
        let result = load(
            """
            version: 1
            systems:
              healthie: {}
            roles:
              doc:
                healthie: { provider: \(written) }
            """)
        let diagnostic = result.error(containing: "'provider' must be true or false")
        #expect(position(diagnostic) == [6, 27])
    }

    @Test func enumValuesSuggestTheNearestChoice() {
        let result = load(
            """
            version: 1
            policy:
              unmanaged: deactivte
            roles:
              clerk:
                athena: { usertype: staff }
            """)
        #expect(
            result.error(containing: "'unmanaged'")?.message
                == "'unmanaged' is 'deactivte', which is not one of report, deactivate, ignore; did you mean 'deactivate'?"
        )
        let usertype = result.error(containing: "'usertype'")
        #expect(usertype?.message.hasSuffix("did you mean 'STAFF'?") == true)
        #expect(position(usertype) == [6, 25])
    }

    @Test func permissionsAreHealthiesRealFlags() {
        let result = load(
            """
            version: 1
            systems:
              healthie: {}
            roles:
              biller:
                healthie:
                  permissions:
                    can_see_billing: true
                    can_see_biling: true
                    can_fly: true
            """)
        let typo = result.error(containing: "can_see_biling")
        #expect(
            typo?.message
                == "'can_see_biling' in role 'biller' is not a Healthie membership permission; did you mean 'can_see_billing'?"
        )
        #expect(position(typo) == [9, 9])
        #expect(result.error(containing: "can_fly")?.line == 10)
    }

    @Test(arguments: [
        ("5", DeactivationLimit.count(5)), ("0", .count(0)), ("\"10%\"", .percent(10)), ("2.5%", .percent(2.5)),
        ("100%", .percent(100)),
    ])
    func maxDeactivationsTakesACountOrAPercentage(written: String, expected: DeactivationLimit) throws {
        let result = load("version: 1\npolicy:\n  max_deactivations: \(written)\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(try #require(result.config).policy.maxDeactivations == expected)
    }

    @Test(arguments: ["ten", "\"5\"", "150%", "-1", "5.5", "\"%\"", "1e2", "[5]", "10 %"])
    func maxDeactivationsRejectsEverythingElse(_ written: String) {
        let result = load("version: 1\npolicy:\n  max_deactivations: \(written)\n")
        let diagnostic = result.error(containing: "'max_deactivations' must be a count or a percentage")
        #expect(position(diagnostic) == [3, 22])
    }

    @Test func protectedEntriesMustParse() {
        let result = load(
            """
            version: 1
            systems:
              athena:
                practices:
                  main: { practiceid: 1, departments: [Lab] }
            policy:
              protected:
                - athena:main/apiuser
                - healthie:it-admin@riverside.org
                - athena:mian/apiuser
                - athena:main
                - healthie:not-an-email
                - okta:someone
                - athena:main/apiuser
            """)
        #expect(result.errors.count == 5, "\(result.errors.map(\.message))")
        #expect(result.error(containing: "'athena:mian/apiuser'")?.message.hasSuffix("did you mean 'main'?") == true)
        #expect(result.error(containing: "'athena:main' does not parse")?.line == 11)
        #expect(result.error(containing: "healthie:not-an-email")?.line == 12)
        #expect(position(result.error(containing: "okta:someone")) == [13, 7])
        #expect(result.error(containing: "listed twice")?.line == 14)
    }

    @Test(arguments: [
        ("2026-02-30", "'expires' of staff 'a' is '2026-02-30', which is not a date"),
        ("tomorrow", "'expires' of staff 'a' is 'tomorrow', which is not a date"),
        ("2026-1-5", "'expires' of staff 'a' is '2026-1-5', which is not a date"),
    ])
    func expiresMustBeARealDate(written: String, message: String) {
        let result = load(clinicHead + "  - { id: a, status: offboarded, expires: \(written) }\n")
        let diagnostic = result.error(containing: "'expires'")
        #expect(diagnostic?.message == message)
        #expect(position(diagnostic) == [18, 43])
    }

    @Test(arguments: [
        "jane.doe", "jane@", "@riverside.org", "jane@riverside", "jane doe@riverside.org", "jane@@riverside.org",
        "jane..doe@riverside.org", "jane@riverside.o", "jane@-riverside.org",
    ])
    func malformedEmailsAreErrors(_ email: String) {
        let result = load(clinicHead + "  - { id: a, status: offboarded, email: \"\(email)\" }\n")
        let diagnostic = result.error(containing: "is malformed")
        #expect(position(diagnostic) == [18, 41])
    }

    @Test func textFieldsRefuseMappingsAndEmptyValues() {
        let result = load(
            clinicHead + """
                  - id: a
                    first_name:
                    last_name: { x: 1 }
                    role: nurse
                    email: a@b.org
                    practices:
                      main: { username: a, departments: [Lab] }

                """)
        #expect(position(result.error(containing: "'first_name' has no value")) == [19, 5])
        #expect(position(result.error(containing: "'last_name' must be text")) == [20, 16])
    }

    @Test func everyProblemIsReportedInOneRun() {
        let result = load(
            clinicHead + """
                  - id: a
                    first_name: A
                    last_name: A
                    email: not-an-email
                    role: nurce
                    practices:
                      south: { username: a }
                  - id: b
                    first_name: B
                    last_name: B
                    role: physician
                    npi: "1234567890"
                    email: b@clinic.org

                """)
        let messages = result.errors.map(\.message)
        #expect(messages.count == 4, "\(messages)")
        #expect(result.error(containing: "is malformed")?.line == 21)
        #expect(result.error(containing: "role 'nurce'")?.line == 22)
        #expect(result.error(containing: "practice 'south'")?.line == 24)
        #expect(result.error(containing: "NPI '1234567890'")?.line == 29)
    }

    @Test(arguments: ["hello", "- a\n- b", "---\n..."])
    func aFileThatIsNotAMappingIsOneError(_ text: String) {
        let result = load(text + "\n")
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        #expect(
            result.errors.first?.message.hasPrefix("a config file is a mapping of keys, but this file holds") == true)
    }

    @Test func namesMustNotBeBlankPaddedOrHoldControlCharacters() {
        let result = load(
            clinicHead + """
                  - id: a
                    first_name: ""
                    last_name: " Doe"
                    email: "a\\u0007@clinic.org"
                    role: front-desk
                    practices:
                      main: { username: a }

                """)
        #expect(result.errors.count == 3, "\(result.errors.map(\.message))")
        #expect(position(result.error(containing: "'first_name' is blank")) == [19, 17])
        #expect(position(result.error(containing: "has spaces at its start or end")) == [20, 16])
        #expect(position(result.error(containing: "'email' holds a control character")) == [21, 12])
    }

    @Test func roleDescriptionsMayBeProse() throws {
        let result = load(
            "version: 1\nroles:\n  clerk:\n    description: |\n      Files charts.\n      No clinical access.\n    athena: { usertype: STAFF }\n"
        )
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(try #require(result.config).roles["clerk"]?.description == "Files charts.\nNo clinical access.\n")
    }

    @Test func anInvalidVersionIsReportedOnce() {
        let result = load("version: 1.0\n")
        #expect(result.errors.map(\.message) == ["'version' must be a whole number, not '1.0'"])
    }

    @Test(arguments: [
        ("\"Zoë\\u00A0\"", "has spaces at its start or end"), ("\"\\u2003\"", "is blank"),
        ("\"Zoë\\u0085x\"", "holds a control character"), ("Zoë Martínez", nil),
    ])
    func nonASCIINamesAreCheckedToo(written: String, problem: String?) {
        let result = load("version: 1\nstaff:\n  - { id: z, status: offboarded, first_name: \(written) }\n")
        #expect(result.errors.first?.message.hasSuffix(problem ?? "") ?? (problem == nil), "\(result.errors)")
        #expect(result.errors.count == (problem == nil ? 0 : 1))
    }

    @Test func namedMappingsSayWhatTheyHold() {
        let result = load(
            "version: 1\nroles: [nurse]\nstaff:\n  - { id: a, status: offboarded, practices: [main] }\n")
        #expect(
            position(result.error(containing: "'roles' must be a mapping of role names to settings, not a list"))
                == [2, 8])
        #expect(
            position(
                result.error(containing: "'practices' must be a mapping of practice names to accounts, not a list"))
                == [4, 45])
    }

    @Test func roleNamesAreFreeTextButPracticeNamesAreNot() throws {
        let result = load(
            "version: 1\nsystems:\n  athena:\n    practices:\n      north side: { practiceid: 1 }\n"
                + "roles:\n  front desk: { athena: { usertype: STAFF } }\n")
        #expect(
            result.errors.map(\.message) == [
                "practice name 'north side' may hold only letters, digits, '.', '-' and '_'"
            ])
        #expect(position(result.errors.first) == [5, 7])
        let roles = load("version: 1\nroles:\n  front desk: { athena: { usertype: STAFF } }\n")
        #expect(roles.errors.isEmpty)
        #expect(try #require(roles.config).roles["front desk"] != nil)
    }
}
