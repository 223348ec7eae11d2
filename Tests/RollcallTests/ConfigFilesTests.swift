import Foundation
import Rollcall
import RollcallCore
import Testing

/// Reading config paths from disk: files, merged directories, and what is refused before reading.
@Suite struct ConfigFilesTests {
    /// A fresh directory for one test, removed afterwards.
    func withDirectory(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        try body(directory)
    }

    static let systems = """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 195900, departments: [Main Clinic, Lab] }
          healthie: {}

        """
    static let roles = """
        roles:
          nurse:
            athena: { usertype: STAFF }
            healthie: { org_role: Support }

        """

    @Test func aDirectoryMergesItsYAMLFilesIntoOneConfig() throws {
        try withDirectory([
            "00-systems.yaml": Self.systems,
            "10-roles.yml": Self.roles,
            "20-staff.yaml": """
            staff:
              - { id: a, first_name: A, last_name: A, email: a@c.org, role: nurse, practices: { main: { username: a, departments: [Lab] } } }
            """,
            "notes.txt": "not yaml",
            ".hidden.yaml": "this: is ignored",
        ]) { directory in
            let result = Validation.loadConfig(directory.path)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            #expect(result.config?.staff.map(\.id) == ["a"])
            #expect(result.config?.roles.keys.sorted() == ["nurse"])
        }
    }

    @Test func theSameStaffIDInTwoFilesNamesBothPlaces() throws {
        try withDirectory([
            "config.yaml": Self.systems + Self.roles,
            "staff-a.yaml": "staff:\n  - { id: sam, status: offboarded }\n",
            "staff-b.yaml": "staff:\n  - { id: kim, status: offboarded }\n  - { id: sam, status: offboarded }\n",
        ]) { directory in
            let result = Validation.loadConfig(directory.path)
            let errors = result.diagnostics.filter(\.isError)
            #expect(errors.count == 1)
            let first = directory.appendingPathComponent("staff-a.yaml").path
            #expect(errors.first?.message == "staff id 'sam' is used again; it was first used at \(first):2:11")
            #expect(errors.first?.file == directory.appendingPathComponent("staff-b.yaml").path)
            #expect(errors.first?.line == 3)
            #expect(errors.first?.column == 11)
        }
    }

    @Test func theSameRoleInTwoFilesNamesBothPlaces() throws {
        try withDirectory(["a.yaml": Self.systems + Self.roles, "b.yaml": Self.roles]) { directory in
            let errors = Validation.loadConfig(directory.path).diagnostics.filter(\.isError)
            #expect(
                errors.map(\.message) == [
                    "role 'nurse' is defined again; it was first defined at \(directory.appendingPathComponent("a.yaml").path):8:3"
                ])
            #expect(errors.first?.file == directory.appendingPathComponent("b.yaml").path)
        }
    }

    @Test func policyAndPracticesSetTwiceAreErrors() throws {
        try withDirectory([
            "a.yaml": Self.systems + "policy: { min_admins: 2 }\n",
            "b.yaml": "systems:\n  athena:\n    practices:\n      main: { practiceid: 1 }\npolicy: { min_admins: 3 }\n",
        ]) { directory in
            let messages = Validation.loadConfig(directory.path).diagnostics.filter(\.isError).map(\.message)
            #expect(messages.count == 2, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("practice 'main' is declared again") })
            #expect(messages.contains { $0.hasPrefix("'policy.min_admins' is set again") })
        }
    }

    @Test func aSyntaxErrorInOneFileStopsCrossFileChecks() throws {
        try withDirectory([
            "a.yaml": Self.systems + Self.roles,
            "b.yaml": "staff:\n  - { id: a, role: nurse\n",
        ]) { directory in
            let diagnostics = Validation.loadConfig(directory.path).diagnostics
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.message.hasPrefix("YAML syntax:") == true)
            #expect(diagnostics.first?.file?.hasSuffix("b.yaml") == true)
        }
    }

    @Test func missingPathsAndEmptyDirectoriesAreErrors() throws {
        let missing = Validation.loadConfig("/nonexistent/rollcall.yaml")
        #expect(missing.diagnostics.map(\.message) == ["no such file or directory"])
        try withDirectory(["README.md": "# hi"]) { directory in
            #expect(
                Validation.loadConfig(directory.path).diagnostics.map(\.message) == [
                    "the directory holds no *.yaml files"
                ])
        }
    }

    @Test func filesOverTheSizeBoundAreRefusedBeforeReading() throws {
        let limits = YAMLLimits(maxFileBytes: 64, maxAliases: 10, maxAliasExpansion: 100, maxDepth: 10)
        try withDirectory(["big.yaml": Self.systems]) { directory in
            let result = Validation.loadConfig(directory.appendingPathComponent("big.yaml").path, limits: limits)
            #expect(
                result.diagnostics.first?.message
                    == "file is \(Self.systems.utf8.count) bytes, over the limit of 64 bytes")
        }
    }

    @Test func devicesAreNotRead() {
        #expect(Validation.loadConfig("/dev/zero").diagnostics.map(\.message) == ["not a regular file"])
    }

    /// A link is judged by where it leads: a link to a pipe is refused at once (reading one
    /// would block forever), a link loop is named as one.
    @Test func linksToPipesAndLinkLoopsAreNamedNotFollowedForever() throws {
        try withDirectory([:]) { directory in
            let fifo = directory.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let link = directory.appendingPathComponent("clinic.yaml").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
            let viaLink = ConfigFiles.read(link)
            #expect(viaLink.diagnostics.map(\.message) == ["not a regular file"])
            let inDirectory = ConfigFiles.read(directory.path)
            #expect(inDirectory.diagnostics.map(\.message) == ["not a regular file"])
            let loop = directory.appendingPathComponent("loop.yaml").path
            try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
            #expect(ConfigFiles.read(loop).diagnostics.map(\.message) == ["a symbolic link loop"])
        }
    }

    @Test func eachPathIsItsOwnConfig() throws {
        try withDirectory([
            "good.yaml": Self.systems + Self.roles,
            "bad.yaml": "version: 1\nstaff: [{ id: x, role: ghost }]\n",
        ]) { directory in
            let good = directory.appendingPathComponent("good.yaml").path
            let bad = directory.appendingPathComponent("bad.yaml").path
            let report = Validation.run(paths: [good, bad])
            #expect(!report.isValid)
            #expect(report.checked.map(\.valid) == [true, false])
            #expect(report.summary.hasPrefix("Invalid: \(bad) ("))
        }
    }
}
