import Foundation
import Testing

/// Every command's `--help`, pinned: what a user reads before running anything.
@Suite struct HelpTests {
    @Test(arguments: [
        [], ["validate"], ["doctor"], ["plan"], ["apply"], ["drift"], ["audit"], ["audit", "verify"],
        ["audit", "offboarding"], ["review"], ["review", "start"], ["review", "verify"], ["review", "report"],
        ["import"], ["sandbox"],
        ["sandbox", "init"],
        ["sandbox", "serve"], ["sandbox", "dump"],
    ])
    func helpOfEachCommandMatchesItsGoldenFile(command: [String]) throws {
        let output = try RollcallProcess.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("USAGE: rollcall"))
        let name = (["help"] + command).joined(separator: "-") + ".txt"
        try GoldenFile.check(output.stdout, name)
    }
}
