/// Finds where a file stops being UTF-8, or holds a control character YAML does not
/// allow, so the error can name a line and column (libyaml reports those at 1:1).
enum UTF8Check {
    struct Failure: Equatable {
        var line: Int
        var column: Int
        var byteOffset: Int
        var reason: String
        /// A control character in otherwise valid text, rather than broken UTF-8.
        var isControlCharacter = false
    }

    static func firstProblem(in bytes: [UInt8]) -> Failure? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return Failure(line: 1, column: 1, byteOffset: 0, reason: "the file is UTF-16 encoded")
        }
        let count = bytes.count
        // Plain ASCII (printable, tab, line feed, return) is skipped a word at a time; the
        // position of a problem is counted only once there is one.
        var index = 0
        while true {
            index += bytes[index...].withUnsafeBufferPointer { plainASCIIPrefix($0) }
            guard index < count else { return nil }
            let lead = bytes[index]
            if lead < 0x80 {
                return failure(
                    at: index, in: bytes, reason: "the control character U+00\(hex(lead))\(lead == 0 ? " (NUL)" : "")",
                    isControlCharacter: true)
            }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default:
                return failure(at: index, in: bytes, reason: "byte 0x\(hex(lead)) cannot start a UTF-8 character")
            }
            guard index + length <= count else {
                return failure(at: index, in: bytes, reason: "the file ends inside a UTF-8 character")
            }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else {
                    return failure(
                        at: index, in: bytes, reason: "byte 0x\(hex(next)) cannot continue a UTF-8 character")
                }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                return failure(at: index, in: bytes, reason: "invalid UTF-8 sequence")
            }
            index += length
        }
    }

    /// The problem at `offset`, placed by line and by column in characters: the bytes before it
    /// are valid UTF-8, so each byte that does not continue a character starts one.
    private static func failure(
        at offset: Int, in bytes: [UInt8], reason: String, isControlCharacter: Bool = false
    ) -> Failure {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Failure(
            line: line, column: column, byteOffset: offset, reason: reason, isControlCharacter: isControlCharacter)
    }

    /// How many bytes at the start are printable ASCII, tab, line feed or return. Eight bytes
    /// are judged at once while none of them is another byte; a word that holds one (a line
    /// break, most often) is judged byte by byte.
    static func plainASCIIPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count,
                ASCIIWord.isPrintable(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self), from: 0x20)
            {
                index += 8
                continue
            }
            let end = min(index + 8, count)
            while index < end {
                let byte = base[index]
                guard byte < 0x7F, byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { return index }
                index += 1
            }
        }
        return count
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
