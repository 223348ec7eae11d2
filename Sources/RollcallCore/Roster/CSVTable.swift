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
package struct CSVTable: Sendable, Equatable {
    package struct Field: Sendable, Equatable {
        package var value: String
        package var line: Int
        package var column: Int
    }

    package struct Row: Sendable, Equatable {
        /// The line the row starts on.
        package var line: Int
        package var fields: [Field]
    }

    package struct Problem: Error, Sendable, Equatable {
        package var message: String
        package var line: Int
        package var column: Int
    }

    package var header: Row
    package var rows: [Row]

    /// Parses `bytes`; the first problem found stops the read (a broken quote makes every
    /// later position meaningless).
    package static func parse(_ bytes: [UInt8]) -> Result<CSVTable, Problem> {
        var scanner = CSVScanner(bytes)
        var fields: [CSVScanner.Field] = []
        func row(at line: Int) -> Row {
            Row(
                line: line,
                fields: fields.map { Field(value: scanner.value($0), line: $0.line, column: scanner.column($0)) })
        }
        do throws(Problem) {
            try scanner.checkEncoding()
            guard let headerLine = try scanner.next(into: &fields) else {
                return .failure(Problem(message: "the file is empty: it has no header row", line: 1, column: 1))
            }
            let header = row(at: headerLine)
            var rows: [Row] = []
            while let line = try scanner.next(into: &fields) {
                if let problem = widthProblem(fields.count, header: header.fields.count, line: line) {
                    return .failure(problem)
                }
                rows.append(row(at: line))
            }
            return .success(CSVTable(header: header, rows: rows))
        } catch {
            return .failure(error)
        }
    }

    /// A row whose field count is not the header's, or nil.
    static func widthProblem(_ count: Int, header: Int, line: Int) -> Problem? {
        guard count != header else { return nil }
        return Problem(
            message: "this row has \(counted(count, "field")), but the header has \(header); a value holding a "
                + "comma must be quoted",
            line: line, column: 1)
    }
}
