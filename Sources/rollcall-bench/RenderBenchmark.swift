import Foundation
import RollcallCore
import RollcallTestSupport

/// Drift of the plan case's clinic (20 practices x 2,500 users, 1% drifted) detected and
/// rendered in each format, in memory: no network, so callgrind can count its instructions.
enum RenderBenchmark {
    /// `page`, when given, receives the HTML review, which headless Chromium then opens.
    static func run(page: URL? = nil) throws -> [Row] {
        let clinic = SyntheticClinic(practices: 20, usersPerPractice: 2_500)
        let files = [ConfigSourceFile(path: "render.yaml", bytes: Array(clinic.configYAML().utf8))]
        guard let config = ConfigLoader.load(origin: "render.yaml", files: files).config else {
            print("the render case's config did not load")
            return []
        }
        let live = clinic.live(drift: 0.01)
        let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch
        let source = DriftDetector.Source(paths: ["render.yaml"], digest: "bench", commit: "bench")
        var detected: DriftReport?
        let detectSeconds = measure(repeats) {
            detected = DriftDetector.report(config: config, live: live, today: today, source: source)
        }
        guard let report = detected else { return [] }
        let size = "\(report.findings.count) findings, \(report.people.count) people"
        var rows = [Row(name: "drift detect (in memory)", size: size, seconds: detectSeconds, note: "")]
        for (format, render) in DriftBenchmark.renderers(report) {
            var output = ""
            let seconds = try measure(repeats) { output = try render() }
            if format == "html", let page {
                try Data(output.utf8).write(to: page)
                if let row = try DriftBenchmark.openInChromium(page, bytes: output.utf8.count) { rows.append(row) }
            }
            rows.append(
                Row(
                    name: "drift render: \(format)", size: size, seconds: seconds,
                    note: "\(output.utf8.count / 1024) KiB"))
        }
        return rows
    }
}
