import Foundation
import Testing

/// Every command's `--help`, pinned at 80 columns: what a user reads before running anything.
@Suite struct HelpTests {
    @Test(arguments: [
        [], ["validate"], ["doctor"], ["plan"], ["apply"], ["drift"], ["audit"], ["audit", "verify"],
        ["audit", "offboarding"], ["review"], ["review", "start"], ["review", "verify"], ["review", "report"],
        ["import"], ["sandbox"],
        ["sandbox", "init"],
        ["sandbox", "serve"], ["sandbox", "dump"],
    ])
    func helpOfEachCommandMatchesItsGoldenFile(command: [String]) throws {
        let output = try RollcallProcess.run(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("USAGE: rollcall"))
        let wide = output.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "every line flows at 80 columns: \(wide)")
        #expect(output.stdout.contains("Exit codes:"), "the page says what its exit codes mean")
        #expect(output.stdout.contains("Example"), "the page shows an example")
        let name = (["help"] + command).joined(separator: "-") + ".txt"
        try GoldenFile.check(output.stdout, name)
    }
}
