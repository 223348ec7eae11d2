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
        // Plain ASCII (printable, tab, line feed, return) needs no position until something
        // else turns up: skip it first, then count the lines it held.
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard byte < 0x7F, byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { break }
            index += 1
        }
        if index == count { return nil }
        var line = 1
        var lineStart = 0
        for position in 0..<index where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        var column = index - lineStart + 1
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if (lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D) || lead == 0x7F {
                    return Failure(
                        line: line, column: column, byteOffset: index,
                        reason: "the control character U+00\(hex(lead))\(lead == 0 ? " (NUL)" : "")",
                        isControlCharacter: true)
                }
                if lead == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default:
                return Failure(
                    line: line, column: column, byteOffset: index,
                    reason: "byte 0x\(hex(lead)) cannot start a UTF-8 character")
            }
            guard index + length <= count else {
                return Failure(
                    line: line, column: column, byteOffset: index, reason: "the file ends inside a UTF-8 character")
            }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else {
                    return Failure(
                        line: line, column: column, byteOffset: index,
                        reason: "byte 0x\(hex(next)) cannot continue a UTF-8 character")
                }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                return Failure(
                    line: line, column: column, byteOffset: index, reason: "invalid UTF-8 sequence")
            }
            column += 1
            index += length
        }
        return nil
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
