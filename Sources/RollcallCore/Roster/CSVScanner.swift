/// The reader under `CSVTable`, one record at a time: each field is a range of the bytes and
/// where it starts, and becomes a `String` only when asked for. A roster reads a 50,000-row
/// export through it without building a table first, and never decodes a column it does not
/// map; the line and column of a field are worked out only for a field a problem names.
struct CSVScanner {
    struct Field {
        /// Where the field starts: its first byte, or its opening quote.
        var position: Int
        /// The field's text, inside the quotes when it is quoted.
        var start: Int
        var end: Int
        /// Quoted with a doubled quote inside, which reads as one.
        var escaped: Bool
        var line: Int
        /// The byte index where the field's line starts, to count its column.
        var lineStart: Int
    }

    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    /// The column of `field`'s first character (or opening quote): characters, not bytes, from 1.
    func column(_ field: Field) -> Int {
        column(at: field.position, lineStart: field.lineStart)
    }

    func column(at position: Int, lineStart: Int) -> Int {
        var column = 1
        for byte in bytes[lineStart..<position] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// The field's text as written, a doubled quote read as one.
    func value(_ field: Field) -> String {
        let text = bytes[field.start..<field.end]
        guard field.escaped else { return String(decoding: text, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(text.count)
        var previousWasQuote = false
        for byte in text {
            if byte == Self.quote, previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = byte == Self.quote
            unescaped.append(byte)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// `value(_:)` without spaces and tabs at either end, trimmed before it is decoded.
    func trimmedValue(_ field: Field) -> String {
        if field.escaped { return value(field).trimmedSpace }
        var start = field.start
        var end = field.end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func problem(_ message: String, at position: Int) -> CSVTable.Problem {
        CSVTable.Problem(message: message, line: line, column: column(at: position, lineStart: lineStart))
    }

    /// Invalid UTF-8 and NUL bytes, named at their place before any record is read.
    func checkEncoding() throws(CSVTable.Problem) {
        var position = index
        var line = 1
        var lineStart = index
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte >= 0x80 {
                let length = Self.sequenceLength(bytes, at: position)
                guard length > 0 else {
                    throw CSVTable.Problem(
                        message: "invalid UTF-8: save the export as UTF-8 (\"CSV UTF-8\" in a spreadsheet)",
                        line: line, column: column(at: position, lineStart: lineStart))
                }
                position += length
                continue
            }
            if byte == 0x0A {
                line += 1
                lineStart = position + 1
            } else if byte == 0 {
                throw CSVTable.Problem(
                    message: "a NUL byte: the file is not text (a spreadsheet saved in another format?)",
                    line: line, column: column(at: position, lineStart: lineStart))
            }
            position += 1
        }
    }

    /// The length of the well-formed UTF-8 sequence at `position`, or 0 when it is not one.
    static func sequenceLength(_ bytes: [UInt8], at position: Int) -> Int {
        let length: Int
        switch bytes[position] {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard position + length <= bytes.count,
            String(validating: bytes[position..<(position + length)], as: UTF8.self) != nil
        else { return 0 }
        return length
    }

    /// Reads the next record into `fields` (emptied first) and returns the line it starts on,
    /// or nil at the end of the file. Blank lines hold no record.
    mutating func next(into fields: inout [Field]) throws(CSVTable.Problem) -> Int? {
        fields.removeAll(keepingCapacity: true)
        while index < bytes.count, atLineBreak {
            newLine(after: bytes[index] == Self.carriageReturn ? index + 1 : index)
        }
        guard index < bytes.count else { return nil }
        let startLine = line
        while true {
            fields.append(try field())
            guard index < bytes.count else { return startLine }
            switch bytes[index] {
            case Self.comma:
                index += 1
                if index == bytes.count {
                    fields.append(
                        Field(
                            position: index, start: index, end: index, escaped: false, line: line,
                            lineStart: lineStart))
                    return startLine
                }
            case Self.carriageReturn where index + 1 < bytes.count && bytes[index + 1] == Self.lineFeed:
                newLine(after: index + 1)
                return startLine
            case Self.lineFeed:
                newLine(after: index)
                return startLine
            default:
                throw problem("a field ends at its closing quote; put a comma after it", at: index)
            }
        }
    }

    private var atLineBreak: Bool {
        bytes[index] == Self.lineFeed
            || (bytes[index] == Self.carriageReturn && index + 1 < bytes.count && bytes[index + 1] == Self.lineFeed)
    }

    private mutating func newLine(after position: Int) {
        index = position + 1
        line += 1
        lineStart = index
    }

    private mutating func field() throws(CSVTable.Problem) -> Field {
        let position = index
        let count = bytes.count
        guard index < count, bytes[index] == Self.quote else {
            while index < count {
                let byte = bytes[index]
                if byte == Self.comma || byte == Self.lineFeed { break }
                if byte == Self.carriageReturn, index + 1 < count, bytes[index + 1] == Self.lineFeed { break }
                if byte == Self.quote {
                    throw problem(
                        "a quote inside a field that does not start with one; quote the whole field and double "
                            + "the quote (\"say \"\"hi\"\"\")", at: index)
                }
                index += 1
            }
            return Field(
                position: position, start: position, end: index, escaped: false, line: line, lineStart: lineStart)
        }
        let opening = (line: line, lineStart: lineStart)
        index += 1
        var escaped = false
        while index < count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < count, bytes[index + 1] == Self.quote {
                    escaped = true
                    index += 2
                    continue
                }
                index += 1
                return Field(
                    position: position, start: position + 1, end: index - 1, escaped: escaped, line: opening.line,
                    lineStart: opening.lineStart)
            }
            if byte == Self.lineFeed {
                newLine(after: index)
            } else {
                index += 1
            }
        }
        throw CSVTable.Problem(
            message: "this quote is never closed: the rest of the file would be one field", line: opening.line,
            column: column(at: position, lineStart: opening.lineStart))
    }

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
}
