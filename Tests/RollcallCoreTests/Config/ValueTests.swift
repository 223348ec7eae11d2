import RollcallCore
import Testing

@Suite struct ValueTests {
    @Test(arguments: ["1234567893", "1245319599", "1000000012"])
    func validNPIs(_ npi: String) {
        #expect(NPI.isValid(npi))
    }

    @Test(arguments: ["1234567890", "123456789", "12345678931", "123456789a", "", "１２３４５６７８９３"])
    func invalidNPIs(_ npi: String) {
        #expect(!NPI.isValid(npi))
    }

    @Test func calendarDatesKnowLeapYears() {
        #expect(CalendarDate(iso: "2028-02-29") != nil)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "2026-04-31") == nil)
        #expect(CalendarDate(iso: "2026-12-31")?.description == "2026-12-31")
        #expect(CalendarDate(iso: "2026-12-31T00:00") == nil)
    }

    @Test func suggestionsFindTyposButNotStrangers() {
        #expect(Suggestion.closest(to: "departmnets", in: ["practiceid", "departments"]) == "departments")
        #expect(Suggestion.closest(to: "nurce", in: ["nurse", "physician"]) == "nurse")
        #expect(Suggestion.closest(to: "employees", in: ["version", "systems", "policy", "roles", "staff"]) == nil)
        #expect(Suggestion.closest(to: "STAF", in: ["STAFF", "PROVIDER", "ADMIN"]) == "STAFF")
    }

    @Test func deactivationLimitsAllowRoundingDown() {
        #expect(DeactivationLimit.percent(10).allowed(managed: 59) == 5)
        #expect(DeactivationLimit.count(5).allowed(managed: 1000) == 5)
        #expect(DeactivationLimit(parsing: "12.5%") == .percent(12.5))
        #expect(DeactivationLimit(parsing: "12.%") == nil)
    }

    @Test func protectedAccountsParse() throws {
        #expect(
            try ProtectedAccount.parse("athena:main/apiuser").get() == .athena(practice: "main", username: "apiuser"))
        #expect(try ProtectedAccount.parse("healthie:IT@clinic.org").get() == .healthie(email: "IT@clinic.org"))
        #expect(throws: ProtectedAccount.ParseError.missingUsername) {
            try ProtectedAccount.parse("athena:main/").get()
        }
        #expect(throws: ProtectedAccount.ParseError.unknownSystem("okta")) {
            try ProtectedAccount.parse("okta:x").get()
        }
    }
}
