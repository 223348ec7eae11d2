import Foundation
import Testing

/// `rollcall drift` as a nightly job runs it: the built binary against the built-in sandbox.
@Suite struct DriftCommandTests {
    static let pinned = ["--today", "2026-11-24", "--commit", String(repeating: "0", count: 40)]

    static func drift(_ example: String, _ extra: [String] = []) throws -> RollcallProcess.Output {
        try RollcallProcess.run(
            ["drift", "examples/\(example)", "--sandbox", "examples/\(example)/sandbox.yaml"] + pinned + extra)
    }

    @Test(arguments: ["text", "markdown", "junit", "html"])
    func eachFormatOfTheRiversideReportMatchesItsGoldenFile(format: String) throws {
        let output = try Self.drift("riverside", ["--format", format])
        #expect(output.status == 2, "\(output.stderr)")
        let text = format == "text" ? PlanCommandTests.pinned(output.stdout) : output.stdout
        let suffix = ["text": "txt", "markdown": "md", "junit": "xml", "html": "html"][format] ?? format
        try GoldenFile.check(text, "drift-riverside.\(suffix)")
    }

    @Test func theJSONReportMatchesItsGoldenFileLessTheReadsCost() throws {
        let output = try Self.drift("riverside", ["--format", "json"])
        #expect(output.status == 2)
        var document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(document["format_version"] as? Int == 1)
        #expect(document.removeValue(forKey: "read") != nil)
        let pinned = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try GoldenFile.check(String(decoding: pinned, as: UTF8.self) + "\n", "drift-riverside.json")
    }

    @Test func failOnSetsTheThresholdOfExitTwo() throws {
        #expect(try Self.drift("solo", ["--fail-on", "critical"]).status == 2)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-drift-\(UUID())")
        defer { try? FileManager.default.removeItem(at: work) }
        let imported = try RollcallProcess.run([
            "import", "--config", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--out",
            work.appendingPathComponent("config").path,
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        // An import describes the clinic exactly; only the staff email among patients (high) and grace.obi's
        // Healthie account, unused since July (dormant, medium), are left: neither is something a config declares.
        let clean = try RollcallProcess.run(
            ["drift", work.appendingPathComponent("config").path, "--sandbox", "examples/solo/sandbox.yaml"]
                + Self.pinned + ["--fail-on", "critical"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.hasSuffix("Drift: 1 high, 1 medium.\n"))
        let bad = try Self.drift("solo", ["--fail-on", "severe"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("severe"))
    }

    @Test func outputWritesTheReportAndOneSummaryLineToStderr() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-drift-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("drift.xml")
        let output = try Self.drift("solo", ["--format", "junit", "--output", file.path])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(
            output.stderr.hasSuffix("rollcall: drift: 1 critical, 2 high, 4 medium; the report is in \(file.path)\n"))
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
    }

    @Test func sinceMarksWhatIsKnownAndWhatWasResolved() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-drift-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let previous = work.appendingPathComponent("previous.json")
        #expect(try Self.drift("solo", ["--format", "json", "--output", previous.path]).status == 2)
        let again = try Self.drift("solo", ["--since", previous.path])
        #expect(again.status == 2)
        #expect(again.stdout.contains("  [known] athena[harbor].user[\"jpark\"] active:"))
        #expect(again.stdout.contains("Drift: 1 critical, 2 high, 4 medium, 0 resolved, 0 new."))

        try Data("{\"format_version\": 1}".utf8).write(to: previous)
        let broken = try Self.drift("solo", ["--since", previous.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("--since \(previous.path): not a drift report in JSON"))
    }

    @Test func onePracticeCanBeReportedAlone() throws {
        let output = try Self.drift("riverside", ["--practice", "north", "--format", "json"])
        #expect(output.status == 2, "\(output.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let athena = findings.compactMap { $0["address"] as? String }.filter { $0.hasPrefix("athena") }
        #expect(!athena.isEmpty && athena.allSatisfy { $0.hasPrefix("athena[north]") }, "\(athena)")
        let people = try #require(report["people"] as? [[String: Any]])
        let places = Set(
            people.flatMap { ($0["accounts"] as? [[String: Any]] ?? []).compactMap { $0["place"] as? String } })
        #expect(places == ["north", "Healthie"])
    }

    @Test func fromRendersASavedReportWithoutReadingAgain() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-drift-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let saved = work.appendingPathComponent("drift.json")
        #expect(try Self.drift("riverside", ["--format", "json", "--output", saved.path]).status == 2)
        let rendered = try RollcallProcess.run(["drift", "--from", saved.path, "--format", "markdown"])
        #expect(rendered.status == 2)
        try GoldenFile.check(rendered.stdout, "drift-riverside.md")
        let both = try RollcallProcess.run(["drift", "examples/riverside", "--from", saved.path])
        #expect(both.status == 1)
        #expect(both.stderr.contains("give the config PATH or --from, not both"))
    }
}
