import Foundation
import Rollcall
import RollcallCore
import Synchronization

/// The disk as a process that dies sees it: once the `crashAfter`-th line appended to the
/// audit log or the journal is on disk, no later file operation reaches it (each throws, a
/// removal does nothing), so what the run would do after its crash leaves no trace, and the
/// lock it held stays behind. Counts the lines when it never crashes.
final class CrashingFiles: RunFiles {
    struct Crashed: Error, CustomStringConvertible {
        var description: String { "the process crashed here" }
    }

    private let disk = LocalFiles()
    private let crashAfter: Int?
    private let state = Mutex((appended: 0, crashed: false))

    init(crashAfter: Int?) {
        self.crashAfter = crashAfter
    }

    var appended: Int { state.withLock { $0.appended } }
    var crashed: Bool { state.withLock { $0.crashed } }

    /// Throws once crashed; a line counted after it is on disk may be the last.
    fileprivate func written<Value>(_ work: () throws -> Value, counts: Bool = false) throws -> Value {
        try state.withLock { state in
            if state.crashed { throw Crashed() }
            let value = try work()
            if counts {
                state.appended += 1
                if state.appended == crashAfter { state.crashed = true }
            }
            return value
        }
    }

    func kind(at path: String) -> FileKind { disk.kind(at: path) }
    func readConfig(_ path: String, excluding: [String], limits: YAMLLimits) -> ConfigFiles.Read {
        disk.readConfig(path, excluding: excluding, limits: limits)
    }
    func readRegular(_ path: String, what: String, limit: Int?) throws -> Data? {
        try written { try disk.readRegular(path, what: what, limit: limit) }
    }
    func makeDirectory(_ directory: String, for what: String) throws {
        try written { try disk.makeDirectory(directory, for: what) }
    }
    func replace(_ path: String, with data: Data) throws { try written { try disk.replace(path, with: data) } }
    func create(_ path: String, with data: Data) throws -> Bool { try written { try disk.create(path, with: data) } }
    func removeRegular(_ path: String) { _ = try? written { disk.removeRegular(path) } }
    func modified(_ path: String) -> Date? { disk.modified(path) }
    func appendOnly(_ path: String, what: String) throws -> any AppendOnlyFile {
        CrashingLog(file: try written { try disk.appendOnly(path, what: what) }, files: self)
    }
}

private struct CrashingLog: AppendOnlyFile {
    let file: any AppendOnlyFile
    let files: CrashingFiles

    func append(_ line: String) throws { try files.written({ try file.append(line) }, counts: true) }
    func cut(to length: Int) throws { try files.written { try file.cut(to: length) } }
}
