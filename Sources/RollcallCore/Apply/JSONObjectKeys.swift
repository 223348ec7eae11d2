import Foundation

/// The keys of a JSON object's top level, in order and with repeats: what a decoder keeps
/// quiet about (it takes one of two equal keys and drops keys it does not know), so the
/// audit chain can say which key made a line differ from the bytes Rollcall wrote.
enum JSONObjectKeys {
    /// nil when `bytes` is not one JSON object this scan can follow.
    static func topLevel(of bytes: [UInt8]) -> [String]? {
        var keys: [String] = []
        var depth = 0
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: index) else { return nil }
                if depth == 1 && expectingKey {
                    guard let key = try? JSONDecoder().decode(String.self, from: Data(bytes[index...end])) else {
                        return nil
                    }
                    keys.append(key)
                    expectingKey = false
                }
                index = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            default:
                break
            }
            index += 1
        }
        return depth == 0 ? keys : nil
    }

    /// The index of the quote that closes the string opened at `start`.
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }
}
