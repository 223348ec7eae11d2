import RollcallCore
import Testing

/// Checks across entries; staff written after `clinicHead` start at line 18.
@Suite struct ConfigValidationTests {
    @Test func unknownRoleSuggestsTheNearest() {
        let result = load(clinicHead + "  - { id: a, first_name: A, last_name: A, role: nurce }\n")
        let diagnostic = result.error(containing: "role 'nurce'")
        #expect(diagnostic?.message == "staff 'a' has role 'nurce', which is not defined; did you mean 'nurse'?")
        #expect(position(diagnostic) == [18, 49])
    }

    /// Accounts are never matched by name: an offboarded entry with no email and no username
    /// finds nothing to deactivate, and says so; with either, it is quiet.
    @Test func anOffboardedEntryThatCanFindNoAccountIsAWarning() {
        let result = load(
            clinicHead + """
                  - { id: old.timer, status: offboarded }
                  - { id: gone, status: offboarded, email: gone@clinic.org }
                  - { id: left, status: offboarded, practices: { main: { username: left } } }

                """)
        #expect(result.config != nil)
        #expect(result.errors.isEmpty)
        let warnings = result.diagnostics.filter { !$0.isError }
        #expect(
            warnings.map(\.message) == [
                "staff 'old.timer' is offboarded but names no email and no practice username, so Rollcall cannot find "
                    + "their accounts to deactivate them"
            ])
        #expect(position(warnings.first) == [18, 5])
    }

    @Test func departmentMustBeDeclaredForThatPractice() {
        let result = load(
            clinicHead + """
                  - id: a
                    first_name: A
                    last_name: A
                    role: front-desk
                    practices:
                      main: { username: a, departments: [Main Clinic, Pediatric] }
                      north: { username: a, departments: [Lab] }

                """)
        let typo = result.error(containing: "'Pediatric'")
        #expect(
            typo?.message == "department 'Pediatric' is not declared for practice 'main'; did you mean 'Pediatrics'?")
        #expect(position(typo) == [23, 55])
        let wrongPractice = result.error(containing: "'Lab' is not declared for practice 'north'")
        #expect(position(wrongPractice) == [24, 43])
    }

    @Test func practiceMustBeDeclared() {
        let result = load(
            clinicHead + """
                  - id: a
                    first_name: A
                    last_name: A
                    role: front-desk
                    practices:
                      nort: { username: a }

                """)
        let diagnostic = result.error(containing: "practice 'nort'")
        #expect(diagnostic?.message.hasSuffix("did you mean 'north'?") == true)
        #expect(position(diagnostic) == [23, 7])
    }

    @Test func usernamesAreUniqueWithinAPracticeIgnoringCase() {
        let result = load(
            clinicHead + """
                  - { id: a, first_name: A, last_name: A, role: front-desk, practices: { main: { username: jdoe } } }
                  - { id: b, first_name: B, last_name: B, role: front-desk, practices: { north: { username: jdoe } } }
                  - { id: c, first_name: C, last_name: C, role: front-desk, practices: { main: { username: JDoe } } }

                """)
        let diagnostic = result.error(containing: "username 'jdoe' in practice 'main'")
        #expect(diagnostic?.message.hasSuffix("it was first used at clinic.yaml:18:92") == true)
        #expect(position(diagnostic) == [20, 92])
    }

    @Test func emailsAreUniqueIgnoringCase() {
        let result = load(
            clinicHead + """
                  - { id: a, status: offboarded, email: Jane@Clinic.org }
                  - { id: b, status: offboarded, email: jane@clinic.org }

                """)
        let diagnostic = result.error(containing: "email 'jane@clinic.org' belongs to two staff entries")
        #expect(position(diagnostic) == [19, 41])
    }

    @Test func npiCheckDigitIsVerified() {
        let result = load(clinicHead + "  - { id: a, status: offboarded, npi: \"1234567890\" }\n")
        let diagnostic = result.error(containing: "NPI")
        #expect(
            diagnostic?.message
                == "NPI '1234567890' of staff 'a' is not valid: its check digit is 0, but the first nine digits give 3")
        #expect(position(diagnostic) == [18, 39])
        let short = load(clinicHead + "  - { id: a, status: offboarded, npi: 12345 }\n")
        #expect(short.error(containing: "NPI")?.message.hasSuffix("an NPI is exactly 10 digits") == true)
    }

    @Test func providersNeedAnNPI() {
        let result = load(
            clinicHead + """
                  - id: doc
                    first_name: D
                    last_name: D
                    email: d@clinic.org
                    role: physician
                    practices:
                      main: { username: doc, departments: [Lab] }

                """)
        let diagnostic = result.error(containing: "no 'npi'")
        #expect(diagnostic?.message == "staff 'doc' has role 'physician' with usertype PROVIDER, but no 'npi'")
        #expect(position(diagnostic) == [22, 11])
    }

    @Test func healthieRolesNeedAnEmail() {
        let result = load(clinicHead + "  - { id: n, first_name: N, last_name: N, role: nurse }\n")
        #expect(result.error(containing: "no 'email'")?.line == 18)
    }

    @Test func activeStaffNeedNamesAndARole() {
        let result = load(clinicHead + "  - id: a\n    email: a@clinic.org\n")
        #expect(
            result.errors.map(\.message).sorted() == [
                "staff 'a' has no 'first_name'", "staff 'a' has no 'last_name'", "staff 'a' has no 'role'",
            ])
    }

    @Test func aMisspeltStatusIsReportedOnce() {
        let result = load(clinicHead + "  - { id: a, status: offborded }\n")
        #expect(
            result.errors.map(\.message) == [
                "'status' is 'offborded', which is not one of active, offboarded; did you mean 'offboarded'?"
            ])
    }

    @Test func supervisingMustNameAStaffID() {
        let result = load(
            providers
                + "  - { id: n, first_name: N, last_name: N, email: n@c.org, role: nurse, practices: { main: { username: n, supervising: dr.smyth } } }\n"
        )
        let diagnostic = result.error(containing: "supervised by 'dr.smyth'")
        #expect(
            diagnostic?.message
                == "staff 'n' is supervised by 'dr.smyth', which is no staff id; did you mean 'dr.smith'?")
        #expect(diagnostic?.line == 20)
    }

    @Test func supervisingMustNameAProvider() {
        let result = load(
            providers
                + """
                  - { id: n1, first_name: N, last_name: N, email: n1@c.org, role: nurse, practices: { main: { username: n1 } } }
                  - { id: n2, first_name: N, last_name: N, email: n2@c.org, role: nurse, practices: { main: { username: n2, supervising: n1 } } }

                """)
        let diagnostic = result.error(containing: "who is not a provider")
        #expect(
            diagnostic?.message
                == "staff 'n2' is supervised by 'n1', who is not a provider (role 'nurse' has usertype STAFF)")
        #expect(position(diagnostic) == [21, 122])
    }

    @Test func supervisorMustWorkInThatPractice() {
        let result = load(
            providers
                + "  - { id: n, first_name: N, last_name: N, email: n@c.org, role: nurse, practices: { north: { username: n, supervising: dr.smith } } }\n"
        )
        #expect(result.error(containing: "who has no account in practice 'north'")?.line == 20)
    }

    @Test func supervisingCyclesAreFound() {
        let result = load(
            providers
                + """
                  - { id: p1, first_name: P, last_name: P, email: p1@c.org, role: physician, npi: "1000000012", practices: { main: { username: p1, supervising: p2 } } }
                  - { id: p2, first_name: P, last_name: P, email: p2@c.org, role: physician, npi: "1000000020", practices: { main: { username: p2, supervising: p3 } } }
                  - { id: p3, first_name: P, last_name: P, email: p3@c.org, role: physician, npi: "1000000038", practices: { main: { username: p3, supervising: p1 } } }
                  - { id: p4, first_name: P, last_name: P, email: p4@c.org, role: physician, npi: "1000000046", practices: { main: { username: p4, supervising: p4 } } }

                """)
        let cycle = result.error(containing: "p1 → p2 → p3 → p1")
        #expect(cycle?.message == "supervising forms a cycle in practice 'main': p1 → p2 → p3 → p1")
        #expect(cycle?.line == 20)
        #expect(result.error(containing: "p4 → p4")?.line == 23)
        #expect(result.errors.count == 2, "\(result.errors.map(\.message))")
    }

    @Test func roleWithoutAthenaCannotHavePractices() {
        let result = load(
            """
            version: 1
            systems:
              athena: { practices: { main: { practiceid: 1, departments: [Lab] } } }
              healthie: {}
            roles:
              coach: { healthie: { org_role: Standard } }
            staff:
              - { id: c, first_name: C, last_name: C, email: c@c.org, role: coach, practices: { main: { username: c } } }
            """)
        #expect(position(result.error(containing: "has no athena settings")) == [8, 85])
    }

    @Test func versionMustBeDeclaredAndBeOne() {
        #expect(
            load("staff: []\n").error(containing: "version")?.message == "no file of this config declares 'version'")
        let two = load("version: 2\n")
        #expect(position(two.error(containing: "config version 2")) == [1, 10])
    }

    @Test func protectedListsInTwoFilesNameTheFirst() {
        let result = load(files: [
            ("a.yaml", "version: 1\npolicy:\n  protected: [healthie:it@clinic.org]\n"),
            ("b.yaml", "policy:\n  protected: [healthie:ops@clinic.org]\n"),
        ])
        let diagnostic = result.error(containing: "'policy.protected' is set again")
        #expect(diagnostic?.message == "'policy.protected' is set again; it was first set at a.yaml:3:3")
        #expect(diagnostic?.file == "b.yaml")
        #expect(position(diagnostic) == [2, 3])
    }

    @Test func practiceIDsAreUnique() {
        let result = load(
            """
            version: 1
            systems:
              athena:
                practices:
                  main: { practiceid: 195900 }
                  north: { practiceid: 195900 }
            """)
        #expect(position(result.error(containing: "practiceid 195900 is used by two practices")) == [6, 28])
    }

    /// Two providers and a nurse role, in practices main and north; staff start at line 20.
    let providers =
        clinicHead + """
              - { id: dr.smith, first_name: S, last_name: S, email: s@c.org, role: physician, npi: "1234567893", practices: { main: { username: smith } } }
              - { id: dr.jones, first_name: J, last_name: J, email: j@c.org, role: physician, npi: "1245319599", practices: { north: { username: jones } } }

            """
}
