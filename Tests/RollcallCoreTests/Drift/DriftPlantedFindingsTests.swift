import RollcallCore
import RollcallTestSupport
import Testing

/// Over many messy clinics no test was written for: the config `import` writes for a
/// clinic has no drift against it, and drift planted afterwards, live and in the config,
/// is found exactly, each at its severity, with nothing else reported.
@Suite struct DriftPlantedFindingsTests {
    static let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch

    static func importedClinic(seed: Int) throws -> (config: Config, live: LiveState) {
        let live = ImportPropertyTests.clinic(seed: UInt64(seed))
        let fixture = try ImportFixture(live)
        let loaded = ConfigLoader.load(
            origin: "out",
            files: fixture.files.map { ConfigSourceFile(path: "out/\($0.name)", bytes: Array($0.text.utf8)) })
        let config = try #require(loaded.config, "seed \(seed): the import does not load")
        return (config, live)
    }

    static func findings(_ config: Config, _ live: LiveState) -> [DriftPlanter.Expected] {
        DriftDetector.report(
            config: config, live: live, today: today,
            source: DriftDetector.Source(paths: ["out"], digest: "d", commit: nil)
        ).findings.map(DriftPlanter.Expected.init).sorted()
    }

    @Test(arguments: 0..<60)
    func anImportedClinicHasNoDrift(seed: Int) throws {
        let (config, live) = try Self.importedClinic(seed: seed)
        #expect(Self.findings(config, live) == [], "seed \(seed)")
    }

    @Test(arguments: 0..<150)
    func plantedDriftIsFoundExactly(seed: Int) throws {
        let (config, live) = try Self.importedClinic(seed: seed)
        var planter = DriftPlanter(config: config, live: live, today: Self.today, seed: UInt64(seed))
        planter.plant(1 + seed % 8)
        #expect(!planter.expected.isEmpty)
        #expect(
            Self.findings(planter.config, planter.live) == planter.expected.sorted(),
            "seed \(seed)")
    }

    @Test func everyPlantIsExercised() throws {
        var plants: Set<DriftPlanter.Plant> = []
        var kinds: Set<DriftFinding.Kind> = []
        var severities: Set<DriftSeverity> = []
        for seed in 0..<150 {
            let (config, live) = try Self.importedClinic(seed: seed)
            var planter = DriftPlanter(config: config, live: live, today: Self.today, seed: UInt64(seed))
            planter.plant(1 + seed % 8)
            plants.formUnion(planter.plants)
            kinds.formUnion(planter.expected.map(\.kind))
            severities.formUnion(planter.expected.map(\.severity))
        }
        #expect(plants == Set(DriftPlanter.Plant.allCases))
        // An imported clinic has no roster, so no person is held back: RosterPlanTests covers that kind.
        // Its members carry no sign-in times, so none is dormant: DormantAccountTests covers that one.
        let unplanted: Set<DriftFinding.Kind> = [
            .identityConflict, .expiredIgnoreRule, .unusedIgnoreRule, .rosterHeldBack, .dormantAccount,
        ]
        #expect(kinds == Set(DriftFinding.Kind.allCases).subtracting(unplanted))
        #expect(severities == Set(DriftSeverity.allCases))
    }
}
