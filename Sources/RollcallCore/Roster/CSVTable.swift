/// A CSV file as HR systems export it (RFC 4180): a header row, then one record per row;
/// fields separated by commas, quoted with `"` when they hold a comma, a quote (doubled)
/// or a line break; CRLF or LF; UTF-8 with or without a byte-order mark.
///
/// Every field keeps where it starts (the line, and the column of its first character),
/// so a problem in a 40,000-row export is named as `hr/roster.csv:LINE:COL`. Neither CSV
/// package this project may use reports positions (yaslab/CSV.swift counts rows, which a
/// quoted line break makes differ from lines; SwiftCSV reports neither), hence this reader.
///
/// Pure: bytes in, a table or the first problem out.
public struct CSVTable: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var value: String
        public var line: Int
        public var column: Int
    }

    public struct Row: Sendable, Equatable {
        /// The line the row starts on.
        public var line: Int
        public var fields: [Field]
    }

    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    public var header: Row
    public var rows: [Row]

    /// Parses `bytes`; the first problem found stops the read (a broken quote makes every
    /// later position meaningless).
    public static func parse(_ bytes: [UInt8]) -> Result<CSVTable, Problem> {
        var reader = Reader(bytes: bytes)
        do {
            var records = try reader.records()
            guard !records.isEmpty else {
                return .failure(Problem(message: "the file is empty: it has no header row", line: 1, column: 1))
            }
            let header = records.removeFirst()
            for row in records where row.fields.count != header.fields.count {
                return .failure(
                    Problem(
                        message: "this row has \(counted(row.fields.count, "field")), but the header has "
                            + "\(header.fields.count); a value holding a comma must be quoted",
                        line: row.line, column: 1))
            }
            return .success(CSVTable(header: header, rows: records))
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(message: "\(error)", line: 1, column: 1))
        }
    }
}

private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    /// The byte index where the current line starts, to count columns in characters.
    var lineStart = 0
    /// The last column counted on this line, and where: fields are counted left to right.
    var counted = (position: 0, column: 1)

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    /// The column of the byte at `position` on the current line: characters, not bytes, from 1.
    func column(at position: Int) -> Int {
        1 + bytes[lineStart..<position].filter { $0 & 0xC0 != 0x80 }.count
    }

    /// `column(at:)` counted on from the last field's, so a line is scanned once.
    mutating func nextColumn(at position: Int) -> Int {
        var (from, column) =
            counted.position >= lineStart && counted.position <= position
            ? counted : (lineStart, 1)
        while from < position {
            if bytes[from] & 0xC0 != 0x80 { column += 1 }
            from += 1
        }
        counted = (position, column)
        return column
    }

    func problem(_ message: String, at position: Int) -> CSVTable.Problem {
        CSVTable.Problem(message: message, line: line, column: column(at: position))
    }

    mutating func records() throws -> [CSVTable.Row] {
        try checkEncoding()
        var rows: [CSVTable.Row] = []
        while index < bytes.count {
            // A blank line (the file's last line break, or one left between rows) holds no record.
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
                newLine(after: bytes[index] == 0x0D ? index + 1 : index)
                continue
            }
            rows.append(try row())
        }
        return rows
    }

    /// Invalid UTF-8 and NUL bytes, named at their place before anything is read.
    func checkEncoding() throws {
        var scan = Reader(bytes: bytes)
        while scan.index < bytes.count {
            let byte = bytes[scan.index]
            if byte == 0 {
                throw scan.problem(
                    "a NUL byte: the file is not text (a spreadsheet saved in another format?)", at: scan.index)
            }
            if byte == 0x0A {
                scan.newLine(after: scan.index)
                continue
            }
            let length = Self.sequenceLength(bytes, at: scan.index)
            guard length > 0 else {
                throw scan.problem(
                    "invalid UTF-8: save the export as UTF-8 (\"CSV UTF-8\" in a spreadsheet)", at: scan.index)
            }
            scan.index += length
        }
    }

    /// The length of the well-formed UTF-8 sequence at `position`, or 0 when it is not one.
    static func sequenceLength(_ bytes: [UInt8], at position: Int) -> Int {
        let lead = bytes[position]
        if lead < 0x80 { return 1 }
        let length: Int
        switch lead {
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

    mutating func newLine(after position: Int) {
        index = position + 1
        line += 1
        lineStart = index
    }

    mutating func row() throws -> CSVTable.Row {
        let startLine = line
        var fields: [CSVTable.Field] = []
        while true {
            let field = try self.field()
            fields.append(field)
            guard index < bytes.count else { return CSVTable.Row(line: startLine, fields: fields) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                if index == bytes.count {
                    fields.append(CSVTable.Field(value: "", line: line, column: nextColumn(at: index)))
                    return CSVTable.Row(line: startLine, fields: fields)
                }
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                newLine(after: index + 1)
                return CSVTable.Row(line: startLine, fields: fields)
            case 0x0A:
                newLine(after: index)
                return CSVTable.Row(line: startLine, fields: fields)
            default:
                throw problem("a field ends at its closing quote; put a comma after it", at: index)
            }
        }
    }

    mutating func field() throws -> CSVTable.Field {
        let startLine = line
        let startColumn = nextColumn(at: index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            let start = index
            while index < bytes.count, ![UInt8(ascii: ","), 0x0A].contains(bytes[index]) {
                if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { break }
                if bytes[index] == UInt8(ascii: "\"") {
                    throw problem(
                        "a quote inside a field that does not start with one; quote the whole field and double "
                            + "the quote (\"say \"\"hi\"\"\")", at: index)
                }
                index += 1
            }
            return CSVTable.Field(
                value: String(decoding: bytes[start..<index], as: UTF8.self), line: startLine, column: startColumn)
        }
        let opening = (line: line, column: startColumn)
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    value.append(byte)
                    index += 2
                    continue
                }
                index += 1
                return CSVTable.Field(
                    value: String(decoding: value, as: UTF8.self), line: startLine, column: startColumn)
            }
            value.append(byte)
            if byte == 0x0A {
                newLine(after: index)
            } else {
                index += 1
            }
        }
        throw CSVTable.Problem(
            message: "this quote is never closed: the rest of the file would be one field", line: opening.line,
            column: opening.column)
    }
}
