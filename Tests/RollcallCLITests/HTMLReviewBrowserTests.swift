import Foundation
import Testing

/// The HTML access review opened in a real browser (headless Chromium): the DOM it
/// builds holds what a reviewer must see, a `<script>` in a value is text and never an
/// element, and a screenshot is kept. `.ci/run` installs Chromium and sets
/// `ROLLCALL_REQUIRE_BROWSER=1`, so in CI a missing browser fails instead of skipping.
@Suite struct HTMLReviewBrowserTests {
    static let browser: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium-headless-shell", "chromium", "chrome-headless-shell", "google-chrome"] {
            for directory in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    static var required: Bool { ProcessInfo.processInfo.environment["ROLLCALL_REQUIRE_BROWSER"] == "1" }

    /// Where the screenshot is kept: `ROLLCALL_ARTIFACTS`, else `.build/artifacts`.
    static var artifacts: URL {
        if let directory = ProcessInfo.processInfo.environment["ROLLCALL_ARTIFACTS"] {
            return URL(fileURLWithPath: directory)
        }
        return RollcallProcess.packageRoot.appendingPathComponent(".build/artifacts")
    }

    static func chromium(_ arguments: [String]) throws -> RollcallProcess.Output {
        guard let browser else { throw CocoaError(.fileNoSuchFile) }
        return try RollcallProcess.runExecutable(
            [browser.path, "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"] + arguments)
    }

    @Test(.enabled(if: browser != nil || required))
    func theRiversideReviewOpensInChromiumWithWhatAReviewerMustSee() throws {
        try #require(Self.browser != nil, "ROLLCALL_REQUIRE_BROWSER=1, and no Chromium is installed")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-html-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // Riverside, with a name that tries to run a script.
        let config = work.appendingPathComponent("riverside")
        try FileManager.default.copyItem(
            at: RollcallProcess.packageRoot.appendingPathComponent("examples/riverside"), to: config)
        try FileManager.default.removeItem(at: config.appendingPathComponent("sandbox.yaml"))
        let staffFile = config.appendingPathComponent("staff-main.yaml")
        let staff = try String(contentsOf: staffFile, encoding: .utf8)
        try staff.replacingOccurrences(
            of: "first_name: Elena", with: "first_name: \"<script>document.title='pwned'</script>\""
        )
        .write(to: staffFile, atomically: true, encoding: .utf8)
        let page = work.appendingPathComponent("review.html")
        let drift = try RollcallProcess.run([
            "drift", config.path, "--sandbox", "examples/riverside/sandbox.yaml", "--format", "html", "--output",
            page.path, "--today", "2026-11-24", "--commit", String(repeating: "a", count: 40),
        ])
        #expect(drift.status == 2, "\(drift.stderr)")

        let dom = try Self.chromium(["--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        let html = dom.stdout
        #expect(html.contains("<title>Rollcall access review, 2026-11-24</title>"), "no script changed the title")
        #expect(html.contains("<strong id=\"today\">2026-11-24</strong>"))
        #expect(html.contains("<span id=\"commit\">\(String(repeating: "a", count: 40))</span>"))
        #expect(html.contains("3 critical, 1 high, 4 medium, 1 suppressed"))
        #expect(!html.contains("<script"), "a value with <script> is text, never an element")
        #expect(html.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
        #expect(
            html.contains(
                "<tr class=\"critical\"><td class=\"severity\">critical </td><td>athena[main].user[\"fmiller\"]</td>"))
        #expect(html.contains("temporary front-desk cover while North hires, ticket IT-4411"))
        let peopleRows = html.components(separatedBy: "<td>frank.miller</td><td></td><td>none</td>").count - 1
        #expect(peopleRows == 2, "each of frank.miller's two accounts is a row of the review")

        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let screenshot = Self.artifacts.appendingPathComponent("drift-riverside.png")
        try? FileManager.default.removeItem(at: screenshot)
        let shot = try Self.chromium([
            "--screenshot=\(screenshot.path)", "--window-size=1400,2200", "--hide-scrollbars", page.absoluteString,
        ])
        #expect(shot.status == 0, "\(shot.stderr)")
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 20_000, "a screenshot of the review is kept at \(screenshot.path)")
    }

    /// The offboarding report's page: a leaver still active leads, a name that tries to run a
    /// script is text, and the page loads nothing.
    @Test(.enabled(if: browser != nil || required))
    func theOffboardingReportOpensInChromium() throws {
        try #require(Self.browser != nil, "ROLLCALL_REQUIRE_BROWSER=1, and no Chromium is installed")
        try ApplyScenario.with("riverside") { scenario in
            let file = scenario.config + "/staff-departed.yaml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(
                of: "  - id: frank.miller\n",
                with: "  - id: frank.miller\n    first_name: \"<script>document.title='pwned'</script>\"\n"
                    + "    ended_at: 2026-12-01T17:00:00-05:00\n"
            ).write(toFile: file, atomically: true, encoding: .utf8)
            let page = scenario.directory.appendingPathComponent("offboarding.html")
            let report = try scenario.run([
                "audit", "offboarding", scenario.config, "--sandbox", scenario.state, "--format", "html", "--output",
                page.path, "--now", "2026-12-02T00:00:00Z",
            ])
            #expect(report.status == 2, "\(report.stderr)")
            let dom = try Self.chromium(["--dump-dom", page.absoluteString])
            #expect(dom.status == 0, "\(dom.stderr)")
            let html = dom.stdout
            #expect(html.contains("<title>Rollcall offboarding report, 2026-12-02T00:00:00Z</title>"))
            #expect(!html.contains("<script"), "a value with <script> is text, never an element")
            #expect(html.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
            #expect(html.contains("<strong id=\"sla\">1h</strong>"))
            #expect(
                html.contains(
                    "<tr class=\"critical\"><td class=\"verdict\">still active</td><td>frank.miller</td>"),
                "the leaver still active leads the table")
            #expect(html.contains("2026-12-01T22:00:00Z (ended_at)"))
            #expect(html.contains("<td>2 h</td><td>athena:main/fmiller</td><td>still active, for 2 h</td>"))
            try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
            let screenshot = Self.artifacts.appendingPathComponent("offboarding-riverside.png")
            try? FileManager.default.removeItem(at: screenshot)
            let shot = try Self.chromium([
                "--screenshot=\(screenshot.path)", "--window-size=1400,900", "--hide-scrollbars", page.absoluteString,
            ])
            #expect(shot.status == 0, "\(shot.stderr)")
        }
    }

    /// The access certification's attestation: the reviewer's name is text even when it holds
    /// a script, an incomplete campaign says it is not ready to sign, and the page loads nothing.
    @Test(.enabled(if: browser != nil || required))
    func theAttestationOpensInChromium() throws {
        try #require(Self.browser != nil, "ROLLCALL_REQUIRE_BROWSER=1, and no Chromium is installed")
        try ApplyScenario.with("solo") { scenario in
            let campaign = scenario.directory.appendingPathComponent("q4.yaml").path
            let started = try scenario.run([
                "review", "start", scenario.config, "--sandbox", scenario.state, "--out", campaign, "--reviewer",
                "<script>document.title='pwned'</script>", "--now", "2026-11-24T09:00:00Z",
            ])
            #expect(started.status == 0, "\(started.stderr)")
            let page = scenario.directory.appendingPathComponent("attestation.html")
            let report = try scenario.run([
                "review", "report", campaign, scenario.config, "--sandbox", scenario.state, "--output", page.path,
            ])
            #expect(report.status == 0, "\(report.stderr)")
            let dom = try Self.chromium(["--dump-dom", page.absoluteString])
            #expect(dom.status == 0, "\(dom.stderr)")
            let html = dom.stdout
            #expect(html.contains("<title>Rollcall access certification, 2026-11-24T09:00:00Z</title>"))
            #expect(!html.contains("<script"), "a value with <script> is text, never an element")
            #expect(html.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
            #expect(html.contains("<strong>Incomplete: 18 shortfalls; not ready to sign.</strong>"))
            #expect(
                html.contains(
                    "<td>athena:harbor/apiuser</td><td>unmanaged</td><td>none</td><td>usertype ADMIN</td><td>yes</td>"))
            #expect(html.contains("<strong id=\"next\">2027-02-22</strong>"))
            try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
            let screenshot = Self.artifacts.appendingPathComponent("attestation-solo.png")
            try? FileManager.default.removeItem(at: screenshot)
            let shot = try Self.chromium([
                "--screenshot=\(screenshot.path)", "--window-size=1400,1400", "--hide-scrollbars", page.absoluteString,
            ])
            #expect(shot.status == 0, "\(shot.stderr)")
        }
    }
}
