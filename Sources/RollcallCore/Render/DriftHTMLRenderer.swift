import Mustache

/// The access review a compliance officer signs off: one self-contained HTML file (no
/// network, no scripts) with every person across practices and Healthie, their role and
/// what they hold live, the drift highlighted by severity, unmanaged accounts, the ignore
/// rules and their reasons, the date and the config's commit. Rendered from a Mustache
/// template, which escapes every value for HTML (`MarkupContent`).
public struct DriftHTMLRenderer: Sendable {
    public init() {}

    struct Page {
        var today: String
        var config: String
        var commit: String
        var summary: String
        var counts: [Count]
        var findings: [Row]
        var unmanaged: [Row]
        /// The people in sections of `sectionSize`: a browser lays out only the sections on screen.
        var peopleSections: [PeopleSection]
        var accounts: Int
        var rules: [Rule]
        var suppressed: [Suppressed]
        var peopleCount: Int
        // Stored, not computed: the template reads values through reflection, which sees stored ones only.
        var hasFindings = false
        var hasUnmanaged = false
        var hasRules = false
        var hasSuppressed = false
    }

    /// People a browser lays out together, or skips together while they are off screen
    /// (`content-visibility: auto`): what makes a review of 50,000 people open in seconds.
    struct PeopleSection {
        var people: [Person]
    }

    static let sectionSize = 200

    struct Count {
        var severity: String
        var count: Int
    }

    struct Row {
        var severity: String
        var status: String
        var address: String
        var staff: String
        var field: String
        var declared: String
        var live: String
        var message: String
        var revert: String
        var adopt: String
        var actor: String
    }

    struct Person {
        var id: String
        var name: String
        var role: String
        var status: String
        var expires: String?
        var worst: String
        var accounts: [Account]
    }

    struct Account {
        var place: String
        var login: String
        var state: String
        var access: String
        var departments: String
        var grants: String
    }

    struct Rule {
        var account: String
        var fields: String
        var reason: String
        var until: String
        var state: String
        var matched: Int
    }

    struct Suppressed {
        var address: String
        var field: String
        var message: String
        var reason: String
    }

    public func render(_ report: DriftReport) -> String {
        _ = MarkupContent.registered
        let rows = report.findings.map(Self.row)
        var page = Page(
            today: report.today, config: report.config.joined(separator: ", "), commit: report.commit ?? "not in git",
            summary: report.summary,
            counts: report.counts.map { Count(severity: $0.severity.rawValue, count: $0.count) },
            findings: rows,
            unmanaged: report.findings.filter {
                [.unmanagedAdmin, .unmanagedAccount, .inactiveUnmanaged].contains($0.kind)
            }
            .map(Self.row),
            peopleSections: Self.sections(report.people.map(Self.person)),
            accounts: report.people.reduce(0) { $0 + $1.accounts.count },
            rules: report.ignoreRules.map {
                Rule(
                    account: $0.account, fields: $0.fields?.joined(separator: ", ") ?? "every finding",
                    reason: $0.reason, until: $0.until ?? "no end", state: $0.expired ? "expired" : "in force",
                    matched: $0.matched)
            },
            suppressed: report.suppressed.map {
                Suppressed(
                    address: $0.finding.address.description, field: $0.finding.field, message: $0.finding.message,
                    reason: $0.reason)
            }, peopleCount: report.people.count)
        page.hasFindings = !page.findings.isEmpty
        page.hasUnmanaged = !page.unmanaged.isEmpty
        page.hasRules = !page.rules.isEmpty
        page.hasSuppressed = !page.suppressed.isEmpty
        return Self.template?.render(page) ?? ""
    }

    static func sections(_ people: [Person]) -> [PeopleSection] {
        stride(from: 0, to: people.count, by: sectionSize).map {
            PeopleSection(people: Array(people[$0..<min($0 + sectionSize, people.count)]))
        }
    }

    static func row(_ finding: DriftFinding) -> Row {
        Row(
            severity: finding.severity.rawValue, status: finding.status?.rawValue ?? "",
            address: finding.address.description, staff: finding.staffID ?? "", field: finding.field,
            declared: finding.declared ?? "–", live: finding.live ?? "–", message: finding.message,
            revert: finding.revert, adopt: finding.adopt, actor: finding.actor)
    }

    static func person(_ person: ReviewPerson) -> Person {
        Person(
            id: person.staffID, name: person.name, role: person.role ?? "none", status: person.status,
            expires: person.expires, worst: person.worst?.rawValue ?? "clean",
            accounts: person.accounts.map { account in
                Account(
                    place: account.place, login: account.login,
                    state: !account.exists ? "missing" : account.active ? "active" : "inactive",
                    access: account.access, departments: account.departments.joined(separator: ", "),
                    grants: account.grants.joined(separator: ", "))
            })
    }

    static let template = try? MustacheTemplate(string: DriftHTMLTemplate.text)
}

// The rows of a 50,000-person review are read by name, not through reflection: a Mirror
// for every value of every row was most of the rendering time.
extension DriftHTMLRenderer.PeopleSection: MustacheParent {
    func child(named name: String) -> Any? {
        name == "people" ? people : nil
    }
}

extension DriftHTMLRenderer.Person: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "role": role
        case "status": status
        case "expires": expires
        case "worst": worst
        case "accounts": accounts
        default: nil
        }
    }
}

extension DriftHTMLRenderer.Account: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "place": place
        case "login": login
        case "state": state
        case "access": access
        case "departments": departments
        case "grants": grants
        default: nil
        }
    }
}

extension DriftHTMLRenderer.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "status": status
        case "address": address
        case "staff": staff
        case "field": field
        case "declared": declared
        case "live": live
        case "message": message
        case "revert": revert
        case "adopt": adopt
        case "actor": actor
        default: nil
        }
    }
}
