/// `roster`: the clinic's HR export as a source of the desired state. Each row is a
/// person keyed by the export's employee id; their job title maps to a role and their
/// location to practices and departments, all in reviewed YAML (`RosterResolver`).
public struct RosterSettings: Sendable, Equatable {
    /// The export's path as written, relative to the YAML file that declares it.
    public var file: String
    /// The YAML file that declares the section.
    var declaredIn: String
    package var declaredAt: SourceLocation
    /// The header of the column naming a person; its value is the staff id.
    public var key: String
    /// The export's header for each Rollcall field.
    package var columns: [RosterField: String]
    /// Export status values (compared ignoring case) for each lifecycle.
    package var statuses: [RosterLifecycle: [String]]
    package var dateFormat: RosterDateFormat
    package var onLeave: RosterLeavePolicy
    /// The athenaOne username pattern for roster people: `{first}`, `{last}`, `{f}`, `{l}`, `{id}`.
    package var username: String
    /// Job title, trimmed and in lower case, to a role name; nil means no accounts.
    public var roles: [String: String?]
    /// Location, trimmed and in lower case, to its practices and departments; nil means no accounts.
    package var locations: [String: [RosterPlacement]?]
    /// Where the clinic's days are counted: a termination date ends at midnight after it there.
    public var timeZone: ClinicTimeZone = .utc

    public init(
        file: String, declaredIn: String, declaredAt: SourceLocation, key: String, columns: [RosterField: String],
        statuses: [RosterLifecycle: [String]], dateFormat: RosterDateFormat, onLeave: RosterLeavePolicy,
        username: String, roles: [String: String?], locations: [String: [RosterPlacement]?]
    ) {
        self.file = file
        self.declaredIn = declaredIn
        self.declaredAt = declaredAt
        self.key = key
        self.columns = columns
        self.statuses = statuses
        self.dateFormat = dateFormat
        self.onLeave = onLeave
        self.username = username
        self.roles = roles
        self.locations = locations
    }

    /// The export's path as the layer above reads it: `file` beside the declaring YAML file.
    public var path: String {
        if file.hasPrefix("/") { return file }
        guard let slash = declaredIn.lastIndex(of: "/") else { return file }
        return String(declaredIn[...slash]) + file
    }

    /// How a title or a location is looked up: surrounding space trimmed, case ignored.
    static func lookupKey(_ text: String) -> String {
        text.trimmedSpace.lowercased()
    }

    static let defaultStatuses: [RosterLifecycle: [String]] = [
        .active: ["Active"], .leave: ["On Leave", "Leave"], .terminated: ["Terminated", "Inactive"],
    ]
    static let defaultUsername = "{f}{last}"
}

/// One practice a location gives access to, with the departments there.
public struct RosterPlacement: Sendable, Hashable {
    public var practice: String
    public var departments: [String]

    public init(practice: String, departments: [String]) {
        self.practice = practice
        self.departments = departments
    }
}

/// The Rollcall fields a roster reads from the export.
public enum RosterField: String, Sendable, Hashable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case email, status
    case jobTitle = "job_title"
    case location
    case hireDate = "hire_date"
    case terminationDate = "termination_date"
    case npi
    case terminationTime = "termination_time"

    /// The fields every roster maps; the others are optional.
    public static let required: [RosterField] = [.firstName, .lastName, .email, .status, .jobTitle, .location]
}

public enum RosterLifecycle: String, Sendable, Hashable, CaseIterable {
    case active, leave, terminated
}

public enum RosterLeavePolicy: String, Sendable, Equatable, CaseIterable {
    /// Accounts stay as they are during a leave.
    case keep
    /// Accounts are deactivated during a leave and reactivated after it.
    case suspend
}

public enum RosterDateFormat: String, Sendable, Equatable, CaseIterable {
    case iso = "YYYY-MM-DD"
    case us = "MM/DD/YYYY"
    case european = "DD/MM/YYYY"

    /// `text` as a date in this format; one-digit months and days are accepted with slashes.
    public func date(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmedSpace
        if self == .iso { return CalendarDate(iso: trimmed) }
        // Read byte by byte: a 50,000-row export has two dates a row.
        var numbers: [Int] = []
        var digits = 0
        var value = 0
        for byte in trimmed.utf8 {
            if byte == UInt8(ascii: "/") {
                guard digits > 0 else { return nil }
                numbers.append(value)
                (value, digits) = (0, 0)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 4 else { return nil }
            } else {
                return nil
            }
        }
        guard numbers.count == 2, digits == 4, numbers.allSatisfy({ $0 < 100 }) else { return nil }
        let (month, day) = self == .us ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
        return CalendarDate(year: value, month: month, day: day)
    }
}

/// Where a staff member's entry comes from when the roster drives it: the row, and what
/// the row said of the person, for the plan's `# from hr/roster.csv:14 (…)` line.
public struct RosterLink: Sendable, Equatable {
    /// The export's path as the config names it (`hr/roster.csv`).
    public var file: String
    public var line: Int
    /// The row's key: the employee id.
    public var key: String
    package var jobTitle: String?
    package var location: String?
    /// Why every change of this person is held back, when it is; what to add is in the words.
    package var heldBack: String?
    /// Whether employment ended: the row is terminated, or a refining entry offboards the person.
    public var left = false
    /// The row's termination date, when it has one.
    package var terminationDate: CalendarDate?

    public init(
        file: String, line: Int, key: String, jobTitle: String? = nil, location: String? = nil,
        heldBack: String? = nil
    ) {
        self.file = file
        self.line = line
        self.key = key
        self.jobTitle = jobTitle
        self.location = location
        self.heldBack = heldBack
    }

    /// `hr/roster.csv:14 (1042, Registered Nurse at Main Street)`.
    public var description: String {
        let what = [jobTitle, location.map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
        return "\(file):\(line) (\(key)\(what.isEmpty ? "" : ", " + what))"
    }
}
