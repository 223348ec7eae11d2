import Foundation
import RollcallCore

/// The journal beside the audit log: an intent line on disk before every write,
/// an outcome line after. After a crash (`kill -9`, a lost machine), the next
/// apply finds intents with no outcome and settles each by looking the record up
/// before anything is sent again.
final class ApplyJournal: Sendable {
    struct Line: Codable, Equatable, Sendable {
        enum Kind: String, Codable, Sendable { case intent, outcome }
        var kind: Kind
        var changeID: String
        var runID: String
        var address: String
        var outcome: String?
        /// On an intent: the change itself, so a later run can settle it even when its own plan
        /// no longer holds it (the write took, so the fresh plan does not make it again).
        var change: PlannedChange?

        enum CodingKeys: String, CodingKey {
            case kind, address, outcome, change
            case changeID = "change_id"
            case runID = "run_id"
        }
    }

    let path: String
    private let file: any AppendOnlyFile
    /// Change ids with an intent and no outcome after it, as the journal stood when opened:
    /// writes an earlier run may or may not have made.
    var openIntents: Set<String> { Set(openChanges.keys) }
    /// Each open intent's change as its intent line holds it (nil in a journal written before
    /// intents carried their change).
    let openChanges: [String: PlannedChange?]

    /// Opens the journal for appending, read once for its open intents. A last line left without
    /// its line break (an append interrupted before it returned, so its write was never sent) is
    /// cut off first, so the next line does not run into it.
    init(path: String, files: any RunFiles = LocalFiles()) throws {
        self.path = path
        let bytes = try files.readRegular(path, what: "the journal", limit: nil) ?? Data()
        openChanges = Self.openIntents(in: String(decoding: bytes, as: UTF8.self))
        file = try files.appendOnly(path, what: "the journal")
        if let last = bytes.last, last != 0x0A { try file.cut(to: DurableLog.wholeLines(bytes)) }
    }

    private static func openIntents(in text: String) -> [String: PlannedChange?] {
        var open: [String: PlannedChange?] = [:]
        for raw in text.split(separator: "\n") {
            guard let line = try? JSONDecoder().decode(Line.self, from: Data(raw.utf8)) else { continue }
            switch line.kind {
            case .intent: open[line.changeID] = .some(line.change)
            case .outcome: open.removeValue(forKey: line.changeID)
            }
        }
        return open
    }

    func intent(_ change: PlannedChange, runID: String) throws {
        try write(
            Line(kind: .intent, changeID: change.id, runID: runID, address: change.address.description, change: change))
    }

    func outcome(_ change: PlannedChange, runID: String, _ outcome: String) throws {
        try self.outcome(changeID: change.id, address: change.address.description, runID: runID, outcome)
    }

    func outcome(changeID: String, address: String, runID: String, _ outcome: String) throws {
        try write(Line(kind: .outcome, changeID: changeID, runID: runID, address: address, outcome: outcome))
    }

    private func write(_ line: Line) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try file.append(String(decoding: try encoder.encode(line), as: UTF8.self))
    }
}
