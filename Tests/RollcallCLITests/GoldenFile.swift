import Foundation
import Testing

/// Output pinned in files under `Tests/RollcallCLITests/Golden/`. A difference fails with a
/// unified diff; `ROLLCALL_RECORD_GOLDEN=1 swift test` writes the files anew instead, for a
/// reviewer to read in the diff of the change that moved them.
enum GoldenFile {
    static let directory = RollcallProcess.packageRoot.appendingPathComponent("Tests/RollcallCLITests/Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["ROLLCALL_RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard actual != expected else { return }
        Issue.record(
            """
            \(name) differs from the output (record anew with ROLLCALL_RECORD_GOLDEN=1 swift test):
            \(unifiedDiff(expected: expected, actual: actual, name: name))
            """, sourceLocation: sourceLocation)
    }

    /// `diff -u` of the golden file and the output.
    static func unifiedDiff(expected: String, actual: String, name: String) -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let old = scratch.appendingPathComponent("expected")
            let new = scratch.appendingPathComponent("actual")
            try expected.write(to: old, atomically: true, encoding: .utf8)
            try actual.write(to: new, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["diff", "-u", "--label", "golden/\(name)", "--label", "output", old.path, new.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        } catch {
            return "(no diff: \(error))\n--- golden\n\(expected)\n+++ output\n\(actual)"
        }
    }
}
