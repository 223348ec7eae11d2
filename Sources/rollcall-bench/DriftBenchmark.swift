import Foundation
import Rollcall
import RollcallCore
import RollcallTestSupport
import Sandbox

/// Drift of the plan case's tenant (20 practices x 2,500 users, 5,000 Healthie members,
/// 1% drifted, 20 ms on every answer): requests against the least a read can make, the
/// run's wall time, the time to render each format, and the HTML review's size and the
/// time headless Chromium takes to open it (when Chromium is installed).
enum DriftBenchmark {
    static func run(in directory: URL) async throws -> [Row] {
        let tenant = try BenchmarkTenant(in: directory, prefix: "drift-")
        let clinic = tenant.clinic
        let sandbox = tenant.sandbox
        let latency = BenchmarkTenant.latency
        let request = DriftRun.Request(
            path: tenant.configFile.path, source: tenant.source, today: BenchmarkTenant.today, commit: "bench")
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try await DriftRun.run(request).report
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let read = report.read ?? ReadSummary()
        let budget = PlanBenchmarkBudget(
            state: sandbox, staffEmails: clinic.staffCount, managedFlags: SyntheticClinic.physicianPermissions.count,
            latency: latency)
        var rows = [
            Row(
                name: "drift vs sandbox, \(BenchmarkTenant.latencyLabel)",
                size: "20 x 2,500 users + \(read.healthieMembers ?? 0) members",
                seconds: seconds,
                note:
                    "\(read.requests) requests (minimum \(budget.minimumRequests)); \(report.summary); "
                    + "\(report.people.count) people in the review")
        ]
        var html = ""
        for (format, render) in renderers(report) {
            var output = ""
            let renderSeconds = try measure(1) { output = try render() }
            if format == "html" { html = output }
            rows.append(
                Row(
                    name: "drift render: \(format)",
                    size: "\(report.findings.count) findings, \(report.people.count) people",
                    seconds: renderSeconds, note: "\(output.utf8.count / 1024) KiB"))
        }
        let page = directory.appendingPathComponent("access-review.html")
        try Data(html.utf8).write(to: page)
        if let row = try openInChromium(page, bytes: html.utf8.count) { rows.append(row) }
        return rows
    }

    /// Each format's renderer over `report`.
    static func renderers(_ report: DriftReport) -> [(String, () throws -> String)] {
        [
            ("text", { DriftTextRenderer(colored: false).render(report) }),
            ("json", { String(decoding: try report.encoded(), as: UTF8.self) }),
            ("markdown", { DriftMarkdownRenderer(fullReport: "drift.json").render(report) }),
            ("junit", { DriftJUnitRenderer().render(report) }),
            ("html", { DriftHTMLRenderer().render(report) }),
        ]
    }

    /// Headless Chromium opening the review and building its DOM, timed; nil without Chromium.
    static func openInChromium(_ page: URL, bytes: Int) throws -> Row? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let browser = ["chromium-headless-shell", "chromium"].lazy.flatMap { name in
            path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
        }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let browser else { return nil }
        let process = Process()
        process.executableURL = browser
        process.arguments = ["--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let dom = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rows = String(decoding: dom, as: UTF8.self).components(separatedBy: "<tr").count - 1
        return Row(
            name: "HTML review opened in headless Chromium (--dump-dom)",
            size: "\(bytes / 1024 / 1024) MiB", seconds: seconds,
            note: "exit \(process.terminationStatus); \(rows) table rows in the DOM")
    }
}
