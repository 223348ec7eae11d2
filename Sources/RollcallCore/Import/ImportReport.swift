import Foundation

/// What an import did, for people (`text`) and programs (JSON, `format_version` 1).
public struct ImportReport: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    package var formatVersion: Int
    public var written: [String]
    public var staff: Int
    public var offboarded: Int
    public var roles: Int
    public var protected: Int
    /// Records the round trip names; empty when it holds.
    var roundTripProblems: [String]
    var roundTripChanges: Int
    package var misroutedClients: [MisroutedClient]
    public var read: ReadSummary
    /// With a roster in the config imported from.
    public var roster: RosterLinks?

    public struct RosterLinks: Sendable, Equatable, Codable {
        /// Entries written with the `roster_id` of the row their email links them to.
        package var linked: Int
        /// Rows no live account was linked to, as `hr/roster.csv:14 (1042, …)`.
        var unlinked: [String]
        /// Changes the export asks for that live does not have yet (hires, leavers, leaves).
        public var changes: Int
    }

    package struct MisroutedClient: Sendable, Equatable, Codable {
        package var userID: String
        package var email: String
        /// The staff entry with that email, when one has it.
        package var staffID: String?

        enum CodingKeys: String, CodingKey {
            case email
            case userID = "user_id"
            case staffID = "staff_id"
        }
    }

    public init(draft: ImportDraft, written: [String], roundTrip: ImportRoundTrip.Result, read: ReadSummary) {
        formatVersion = Self.formatVersion
        self.written = written
        staff = draft.staff.count
        offboarded = draft.staff.filter { $0.status == .offboarded }.count
        roles = draft.roles.count
        protected = draft.protected.count
        roundTripProblems = roundTrip.problems
        roundTripChanges = roundTrip.changes.count
        var staffByEmail: [String: String] = [:]
        for entry in draft.staff {
            if let email = entry.email { staffByEmail[email.lowercased()] = entry.id }
        }
        misroutedClients = draft.misroutedClients.map {
            MisroutedClient(userID: $0.userID, email: $0.email, staffID: staffByEmail[$0.email.lowercased()])
        }
        self.read = read
        roster = draft.roster.map { imported in
            RosterLinks(
                linked: draft.staff.filter { $0.rosterID != nil }.count, unlinked: imported.unlinked,
                changes: roundTrip.rosterChanges.count)
        }
    }

    public var roundTripHolds: Bool { roundTripProblems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case written, staff, offboarded, roles, protected, read, roster
        case formatVersion = "format_version"
        case roundTripProblems = "round_trip_problems"
        case roundTripChanges = "round_trip_changes"
        case misroutedClients = "misrouted_clients"
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The summary for a terminal; every value from outside is escaped.
    public var text: String {
        let escape = { (text: String) in TerminalText.escaped(text) }
        var lines: [String] = []
        lines.append(PlanTextRenderer.describe(read))
        lines.append("Wrote " + written.map(escape).joined(separator: ", ") + ":")
        lines.append(
            "  \(counted(staff, "staff entry", plural: "staff entries")) (\(offboarded) offboarded), "
                + "\(counted(roles, "inferred role")), \(counted(protected, "protected account"))")
        if let roster {
            lines.append(
                "  roster: \(counted(roster.linked, "entry", plural: "entries")) linked to their row by email, "
                    + "\(counted(roster.unlinked.count, "row")) not linked"
                    + (roster.unlinked.isEmpty ? "" : ":"))
            lines += roster.unlinked.map { "    " + escape($0) }
            if roster.changes > 0 {
                lines.append(
                    "  the export asks for \(counted(roster.changes, "change")) live does not have yet "
                        + "(hires, leavers, leaves): plan the written config to review them")
            }
        }
        if roundTripHolds {
            lines.append("round trip: 0 changes")
        } else {
            lines.append(
                "round trip: \(counted(roundTripProblems.count, "record")) did not round-trip "
                    + "(\(counted(roundTripChanges, "change")) planned):")
            lines += roundTripProblems.map { "  " + escape($0) }
            lines.append("The files are written for inspection; plan them before relying on them.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One warning per Healthie client under a staff email, for stderr.
    public var clientWarnings: [String] {
        misroutedClients.map { client in
            let owner = client.staffID.map { "staff \(TerminalText.escaped($0))" } ?? "a staff account"
            return "Healthie client (patient) \(TerminalText.escaped(client.userID)) has the email "
                + "\(TerminalText.escaped(client.email)), which \(owner) also has; clients are never imported: "
                + "review it in Healthie"
        }
    }
}
