import CSV
import Foundation
import RollcallCore

/// The campaign as a CSV workbook for auditors who want a spreadsheet: one row per item,
/// written by yaslab/CSV.swift. A cell a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return first) is written with a leading `'`, as OWASP advises.
public enum ReviewWorkbook {
    public static let header = [
        "account", "system", "staff_id", "role", "grants", "privileged", "last_sign_in_at", "decision", "reason",
        "ticket", "reviewer", "started_at", "next_review",
    ]

    public static func csv(_ report: ReviewReport) throws -> Data {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for item in report.items {
            try writer.write(
                row: [
                    item.account, item.system, item.staffID, item.role, item.grants, item.privileged ? "true" : "false",
                    item.lastSignInAt, item.decision, item.reason, item.ticket, report.reviewer, report.startedAt,
                    report.nextReview,
                ].map(inert))
        }
        writer.stream.close()
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw RollcallError(.output, "cannot write the workbook")
        }
        data.append(contentsOf: [0x0D, 0x0A])
        return data
    }

    static func inert(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return cell
        }
        return "'" + cell
    }
}
