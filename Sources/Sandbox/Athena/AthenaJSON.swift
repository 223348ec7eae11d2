import Hummingbird

/// JSON text for the athenaOne simulator's list pages, written straight into bytes: the
/// text `JSONEncoder` writes with sorted keys and unescaped slashes (a test holds the two
/// equal), for a fraction of its cost. A page of 100 users was most of the simulator's
/// time per request.
struct AthenaJSON {
    enum Value {
        case string(String)
        case strings([String])
        case int(Int)
    }

    fileprivate(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// An object of `fields`, which must be in key order; a nil value is left out.
    mutating func object(_ fields: KeyValuePairs<String, Value?>) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in fields {
            guard let value else { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            self.key(key)
            self.value(value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func value(_ value: Value) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): bytes.append(contentsOf: String(number).utf8)
        case .strings(let texts):
            bytes.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(text)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A wire record that writes itself as `AthenaJSON`.
protocol AthenaJSONRecord: Encodable, Sendable {
    func write(to json: inout AthenaJSON)
}

extension AthenaPage where Record: AthenaJSONRecord {
    /// The page as JSON text, its keys in order as `JSONEncoder` sorts them.
    var json: [UInt8] {
        var json = AthenaJSON(capacity: 64 + records.count * 320)
        var entries: [(key: String, write: (inout AthenaJSON) -> Void)] = [
            ("totalcount", { $0.value(.int(totalcount)) }),
            (
                key,
                { json in
                    json.bytes.append(UInt8(ascii: "["))
                    for (index, record) in records.enumerated() {
                        if index > 0 { json.bytes.append(UInt8(ascii: ",")) }
                        record.write(to: &json)
                    }
                    json.bytes.append(UInt8(ascii: "]"))
                }
            ),
        ]
        if let next { entries.append(("next", { $0.string(next) })) }
        if let previous { entries.append(("previous", { $0.string(previous) })) }
        entries.sort { $0.key < $1.key }
        json.bytes.append(UInt8(ascii: "{"))
        for (index, entry) in entries.enumerated() {
            if index > 0 { json.bytes.append(UInt8(ascii: ",")) }
            json.key(entry.key)
            entry.write(&json)
        }
        json.bytes.append(UInt8(ascii: "}"))
        return json.bytes
    }
}

extension Response {
    /// A page of a list, written by `AthenaJSON`.
    static func json<Record: AthenaJSONRecord>(_ status: HTTPResponse.Status, page: AthenaPage<Record>) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: page.json)))
    }
}
