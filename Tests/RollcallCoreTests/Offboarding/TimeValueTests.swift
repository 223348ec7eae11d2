import RollcallCore
import Testing

/// Instants, durations, times of day and time zones, as the config and the audit log write them.
@Suite struct TimeValueTests {
    @Test(arguments: [
        ("2026-02-27T17:00:00-05:00", "2026-02-27T22:00:00Z"), ("2026-11-24T14:03:07Z", "2026-11-24T14:03:07Z"),
        ("2026-11-24T14:03:07.123Z", "2026-11-24T14:03:07Z"), ("2026-11-24T00:30+0530", "2026-11-23T19:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func timestampsReadWithTheirOffsetAndPrintInUTC(text: String, utc: String) {
        #expect(Timestamp(iso: text)?.description == utc)
    }

    @Test(arguments: [
        "2026-02-27T17:00:00", "2026-02-27", "2026-02-30T10:00:00Z", "2026-02-27T24:00:00Z", "2026-02-27T10:60Z",
        "2026-02-27T10:00:00+25:00", "2026-02-27T10:00:00Zjunk", "yesterday",
    ])
    func aTimeWithoutAnOffsetOrOutOfRangeIsRefused(text: String) {
        #expect(Timestamp(iso: text) == nil)
    }

    @Test func durationsParseAndPrintInTheLargestUnits() {
        #expect(TimeSpan(parsing: "1h")?.seconds == 3600)
        #expect(TimeSpan(parsing: "90d")?.seconds == 90 * 86_400)
        #expect(TimeSpan(parsing: "1h30m")?.seconds == 5400)
        #expect(TimeSpan(parsing: "2w")?.seconds == 14 * 86_400)
        #expect(TimeSpan(parsing: "1h30m")?.description == "1h30m")
        for bad in ["", "1", "h", "0h", "1.5h", "1 h", "-1h", "1y"] { #expect(TimeSpan(parsing: bad) == nil, "\(bad)") }
        #expect(TimeSpan.readable(seconds: 3 * 3600 + 12 * 60) == "3 h 12 min")
        #expect(TimeSpan.readable(seconds: 40) == "40 s")
        #expect(TimeSpan.readable(seconds: 0) == "0 s")
    }

    @Test func timesOfDayReadIn24HourOrAMPM() {
        #expect(TimeOfDay.seconds("17:00") == 61_200)
        #expect(TimeOfDay.seconds("5:00 PM") == 61_200)
        #expect(TimeOfDay.seconds("12:15 am") == 900)
        #expect(TimeOfDay.seconds("08:30:15") == 30_615)
        for bad in ["24:00", "5 PM", "13:00 PM", "17:0", "", "noon"] {
            #expect(TimeOfDay.seconds(bad) == nil, "\(bad)")
        }
    }

    @Test func aLastDayEndsAtLocalMidnightAcrossDaylightSaving() throws {
        let zone = try #require(ClinicTimeZone(identifier: "America/New_York"))
        let summer = try #require(CalendarDate(iso: "2026-07-04"))
        let winter = try #require(CalendarDate(iso: "2026-12-31"))
        #expect(zone.end(ofLastDay: summer).description == "2026-07-05T04:00:00Z")
        #expect(zone.end(ofLastDay: winter).description == "2027-01-01T05:00:00Z")
        #expect(zone.end(ofLastDay: winter, secondOfDay: 17 * 3600).description == "2026-12-31T22:00:00Z")
        #expect(ClinicTimeZone.utc.end(ofLastDay: winter).description == "2027-01-01T00:00:00Z")
        #expect(ClinicTimeZone(identifier: "Mars/Olympus_Mons") == nil)
        #expect(ClinicTimeZone(identifier: "EST") == nil, "an abbreviation names no rules")
    }
}

/// The config keys the offboarding report reads: each bad value an error at its place.
@Suite struct OffboardingConfigTests {
    @Test func endedAtIsForAnOffboardedEntryAndMustCarryItsOffset() {
        let result = load(
            clinicHead + """

                  - { id: a, status: offboarded, ended_at: "2026-02-27T17:00:00" }
                  - id: b
                    first_name: B
                    last_name: Bee
                    role: nurse
                    email: b@clinic.org
                    ended_at: 2026-02-27T17:00:00Z
                """)
        #expect(position(result.error(containing: "which is not a time with its offset")) == [19, 44])
        #expect(position(result.error(containing: "has 'ended_at', but is not offboarded")) == [25, 15])
    }

    @Test func theSLAAndTheDormancyAreDurations() {
        let result = load(
            clinicHead.replacingOccurrences(
                of: "roles:\n", with: "policy:\n  offboarding_sla: an hour\n  dormant_after: 0d\nroles:\n")
                + "  []")
        #expect(result.error(containing: "policy.offboarding_sla 'an hour' is not a duration") != nil)
        #expect(result.error(containing: "policy.dormant_after '0d' is not a duration") != nil)
        let defaults = load(clinicHead + "  []")
        #expect(defaults.config?.policy.offboardingSLA.seconds == 3600)
        #expect(defaults.config?.policy.dormantAfter.seconds == 90 * 86_400)
    }

    @Test func theRostersTimeZoneAndTerminationTimeAreChecked() {
        let zone = RosterFixture.load(rows: [], roster: RosterFixture.roster(extra: "  time_zone: Eastern"))
        #expect(zone.diagnostics.contains { $0.message.contains("roster.time_zone 'Eastern' is not a time zone") })
        let roster = RosterFixture.roster().replacingOccurrences(
            of: "    npi: NPI\n", with: "    npi: NPI\n    termination_time: End Time\n")
        let time = RosterFixture.load(
            rows: [RosterFixture.row("1001", status: "Terminated", ends: "11/15/2026") + ",25:00"], roster: roster,
            header: RosterFixture.header + ",End Time")
        let error = time.diagnostics.first { $0.message.contains("'25:00' is not a time of day") }
        #expect(error.map { [$0.line, $0.column] } == [2, 96])
    }
}
