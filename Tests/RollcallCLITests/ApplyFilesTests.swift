import Foundation
import RollcallCore
import Testing

/// The files apply reads and writes (the plan, the audit log, the journal, the lock) are
/// trusted no more than the plan's content: no link, FIFO, device or directory is followed,
/// blocked on, written or removed, and a full disk leaves a log the next apply goes on from.
@Suite struct ApplyFilesTests {
    static func rollcallFolder(_ scenario: ApplyScenario) throws -> String {
        let folder = scenario.directory.appendingPathComponent("config/.rollcall").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Applies with a watchdog: a run that blocks (on a FIFO, say) is killed and fails the test.
    static func applyWithin(_ scenario: ApplyScenario, _ target: String? = nil, _ extra: [String] = [])
        throws -> RollcallProcess.Output
    {
        let running = try RunningProcess(
            ["apply", target ?? scenario.plan, "--sandbox", scenario.state, "--today", ApplyScenario.today] + extra,
            environment: [:])
        let (output, timedOut) = running.wait(atMost: 60)
        #expect(!timedOut, "apply blocked")
        return output
    }

    static func expectNothingApplied(_ scenario: ApplyScenario, _ output: RollcallProcess.Output, _ words: String)
        throws
    {
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains(words), "\(output.stderr)")
        #expect(!output.stderr.contains("NSCocoaErrorDomain") && !output.stderr.contains("Error Domain"))
        #expect(try scenario.users()["lfischer"] == nil, "nothing was applied")
    }

    @Test(arguments: ["a link to a file", "a dangling link", "a FIFO", "a directory", "/dev/full", "a YAML file"])
    func anAuditLogThatIsNotARegularFileIsRefused(kind: String) throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let folder = try Self.rollcallFolder(scenario)
            let elsewhere = scenario.directory.appendingPathComponent("elsewhere.jsonl").path
            var path = folder + "/audit.jsonl"
            var words = ""
            switch kind {
            case "a link to a file":
                try Data("keep\n".utf8).write(to: URL(fileURLWithPath: elsewhere))
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
                words = "is a symbolic link"
            case "a dangling link":
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
                words = "is a symbolic link"
            case "a FIFO":
                #expect(mkfifo(path, 0o644) == 0)
                words = "a FIFO (named pipe)"
            case "a directory":
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                words = "is not a regular file (a directory)"
            case "/dev/full":
                path = "/dev/full"
                words = "/dev/full is not a regular file (a device)"
            default:
                path = scenario.config + "/audit.yaml"
                words = "would become part of the config directory"
            }
            let output = try Self.applyWithin(scenario, nil, ["--audit-log", path])
            try Self.expectNothingApplied(scenario, output, words)
            #expect(!output.stderr.contains("permission"), "\(output.stderr)")
            if kind == "a link to a file" {
                #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "keep\n", "the link's target is kept")
            }
            if kind == "a dangling link" {
                #expect(!FileManager.default.fileExists(atPath: elsewhere), "nothing created through the link")
            }
        }
    }

    /// A directory at the lock path is refused and never deleted (it was, recursively, once).
    @Test func aDirectoryAtTheLockPathIsRefusedAndKept() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            _ = try Self.rollcallFolder(scenario)
            try FileManager.default.createDirectory(atPath: scenario.lock, withIntermediateDirectories: true)
            let precious = scenario.lock + "/precious.txt"
            try Data("keep".utf8).write(to: URL(fileURLWithPath: precious))
            let output = try Self.applyWithin(scenario)
            try Self.expectNothingApplied(scenario, output, "is a directory, not a lock file")
            #expect(FileManager.default.fileExists(atPath: precious), "the directory and its files are kept")
        }
    }

    @Test func aLinkAtTheLockPathIsRefusedAndKept() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            _ = try Self.rollcallFolder(scenario)
            let target = scenario.directory.appendingPathComponent("target").path
            try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
            try FileManager.default.createSymbolicLink(atPath: scenario.lock, withDestinationPath: target)
            let output = try Self.applyWithin(scenario)
            try Self.expectNothingApplied(scenario, output, "is a symbolic link, not a lock file")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        }
    }

    /// A lease no apply writes (a thousand years ahead) or a pid that names no process does not
    /// block every apply forever: the lock is taken over, with the reason.
    @Test(arguments: [
        ("a lease of 1e300 seconds", "Rollcall did not write it"), ("pid 0", "its pid 0 is no process"),
        ("pid -1", "its pid -1 is no process"),
    ])
    func aLockNoApplyCouldHoldIsTakenOver(lock: String, reason: String) throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            _ = try Self.rollcallFolder(scenario)
            let host = ProcessInfo.processInfo.hostName
            let soon = Date().timeIntervalSince1970 + 60
            let (pid, expires) = lock.hasPrefix("pid") ? (lock.dropFirst(4), "\(soon)") : ("1", "1e300")
            try #"{"pid": \#(pid), "host": "\#(host)", "run_id": "odd", "started": "then", "expires": \#(expires)}"#
                .write(toFile: scenario.lock, atomically: true, encoding: .utf8)
            let output = try Self.applyWithin(scenario)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.contains("took over the lock of run odd"), "\(output.stderr)")
            #expect(output.stderr.contains(reason), "\(output.stderr)")
        }
    }

    @Test func aPlanThatIsAFIFOIsRefusedWithoutBlocking() throws {
        try ApplyScenario.with { scenario in
            #expect(mkfifo(scenario.plan, 0o644) == 0)
            let output = try Self.applyWithin(scenario)
            try Self.expectNothingApplied(scenario, output, "is a FIFO (named pipe), not a plan or a config")
        }
    }

    @Test func aPlanNamingNoConfigIsToldSo() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            var document = try JSONDecoder().decode(
                PlanDocument.self, from: Data(contentsOf: URL(fileURLWithPath: scenario.plan)))
            document.config = []
            try document.sealed().encoded().write(to: URL(fileURLWithPath: scenario.plan))
            let output = try Self.applyWithin(scenario)
            try Self.expectNothingApplied(scenario, output, "must name the one config it was made from")
            #expect(output.stderr.split(separator: "\n").count == 1, "one error, not read as YAML: \(output.stderr)")
        }
    }

    /// `apply … | head -3`: the reader goes away before apply has written anything. SIGPIPE used
    /// to kill the run in the middle of its writes, lock left behind.
    @Test func aClosedOutputStopsNoWrite() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let process = Process()
            process.executableURL = try RollcallProcess.binary()
            process.arguments = ["apply", scenario.plan, "--sandbox", scenario.state, "--today", ApplyScenario.today]
            process.currentDirectoryURL = RollcallProcess.packageRoot
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try stdout.fileHandleForReading.close()
            try process.run()
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "not killed by a signal")
            #expect(process.terminationStatus == 0, "\(errors)")
            #expect(errors.contains("standard output was closed while apply ran"), "\(errors)")
            #expect(try scenario.users()["lfischer"] != nil, "every write was made")
            #expect(!FileManager.default.fileExists(atPath: scenario.lock), "the lock is released")
            #expect(try scenario.replan().status == 0, "nothing left to apply")
            #expect(try scenario.run(["audit", "verify", scenario.audit]).status == 0)
        }
    }

    /// A torn last line (an interrupted append) is a warning to `audit verify`, not an edit, and
    /// the next apply removes it and goes on.
    @Test func aTornAuditLineIsToldFromAnEditAndTheNextApplyGoesOn() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.apply(scenario.config, ["--auto-approve"]).status == 0)
            let intact = try Data(contentsOf: URL(fileURLWithPath: scenario.audit))
            let torn = intact + Data(#"{"actor":"ci","change_id":"0123"#.utf8)
            try torn.write(to: URL(fileURLWithPath: scenario.audit))
            let verified = try scenario.run(["audit", "verify", scenario.audit])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stderr.contains("warning: the last line is torn"), "\(verified.stderr)")
            #expect(!verified.stderr.contains("edited"), "\(verified.stderr)")
            try scenario.editUser("mlopez") { $0["lastname"] = "Changed" }
            let applied = try scenario.apply(scenario.config, ["--auto-approve"])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stderr.contains("ended in a torn line"), "\(applied.stderr)")
            let after = try Data(contentsOf: URL(fileURLWithPath: scenario.audit))
            #expect(after.starts(with: intact), "the whole lines are kept as they were")
            #expect(try scenario.run(["audit", "verify", scenario.audit]).status == 0)
            #expect(!String(decoding: after, as: UTF8.self).contains(#""change_id":"0123"#))
        }
    }

    static let smallDisk = 32 * 1024

    /// A full disk at the audit log: on a small private tmpfs where the machine allows one.
    /// The apply stops before the write, the log is cut back to whole lines, and once space is
    /// freed the next apply finishes.
    @Test func aFullDiskAtTheAuditLogStopsBeforeTheWriteAndLeavesWholeLines() throws {
        try ApplyScenario.with { scenario in
            let mount = scenario.directory.appendingPathComponent("small").path
            try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
            let mounted = try RollcallProcess.runExecutable([
                "/bin/mount", "-t", "tmpfs", "-o", "size=\(Self.smallDisk)", "tmpfs", mount,
            ])
            guard mounted.status == 0 else {
                // No private mount here: DurableLogTests covers the same through an injected writer.
                return
            }
            defer { _ = try? RollcallProcess.runExecutable(["/bin/umount", mount]) }
            #expect(try scenario.savePlan().status == 0)
            let audit = mount + "/audit.jsonl"
            let filler = mount + "/filler"
            // Leave a page each for the lock and the journal, and one for the audit log: room
            // for a few lines, not for the whole run.
            try Data(count: Self.smallDisk - 3 * 4096).write(to: URL(fileURLWithPath: filler))
            let full = try scenario.apply(nil, ["--audit-log", audit])
            #expect(full.status == 1, "\(full.stdout)")
            #expect(
                (full.stdout + full.stderr).contains("No space left on device (ENOSPC)"), "\(full.stdout)\(full.stderr)"
            )
            let text = try String(contentsOfFile: audit, encoding: .utf8)
            #expect(text.isEmpty || text.hasSuffix("\n"), "only whole lines are left")
            let verified = try scenario.run(["audit", "verify", audit])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(!verified.stderr.contains("torn"), "the failed append was cut back, not left torn")
            let head = verified.stdout.components(separatedBy: "chain head ").last?.dropLast(2) ?? ""
            #expect(full.stdout.contains("chain head \(head)"), "the printed head is the one on disk")
            try FileManager.default.removeItem(atPath: filler)
            let finished = try scenario.apply(nil, ["--audit-log", audit])
            #expect(finished.status == 0, "\(finished.stdout)\(finished.stderr)")
            #expect(try scenario.replan().status == 0)
            #expect(try scenario.run(["audit", "verify", audit]).status == 0)
        }
    }
}
