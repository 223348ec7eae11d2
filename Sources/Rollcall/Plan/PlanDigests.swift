import Crypto
import Foundation
import RollcallCore

/// SHA-256 digests that tie a saved plan to what it was made from: the config's
/// files, and each live record a change was planned against. Apply recomputes
/// them and refuses a change whose record has moved on.
public enum PlanDigests {
    public static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Over every file in merge order: its path, its length and its bytes.
    public static func config(_ files: [ConfigSourceFile]) -> String {
        var data = Data()
        for file in files {
            data.append(Data("\(file.path)\n\(file.bytes.count)\n".utf8))
            data.append(contentsOf: file.bytes)
        }
        return hex(data)
    }

    /// The live record behind a change, as canonical JSON (sorted keys), hashed; nil for a create.
    public static func liveRecord(of change: PlannedChange, in state: LiveState) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        switch change.operation {
        case .athenaUpdate(let practiceID, let userID, _):
            guard let user = state.practice(id: practiceID)?.users.first(where: { $0.userID == userID }) else {
                return nil
            }
            return (try? encoder.encode(user)).map(hex)
        case .healthieUpdate(let membershipID, _):
            guard let member = state.healthie?.members.first(where: { $0.membershipID == membershipID }) else {
                return nil
            }
            return (try? encoder.encode(member)).map(hex)
        case .athenaCreate, .healthieCreate:
            return nil
        }
    }
}
