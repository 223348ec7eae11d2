/// A practice's live departments and providers, for resolving names and for
/// showing ids the way a reviewer recognises them.
struct PracticeDirectory {
    private var departmentIDs: [String: Int] = [:]
    private var departmentNames: [Int: String] = [:]
    private var providerNames: [Int: String] = [:]

    init(_ practice: LiveAthenaPractice) {
        for department in practice.departments {
            if departmentIDs[department.name] == nil { departmentIDs[department.name] = department.departmentID }
            departmentNames[department.departmentID] = department.name
        }
        for provider in practice.providers {
            providerNames[provider.providerID] = "\(provider.firstName) \(provider.lastName)"
        }
    }

    /// The live department with exactly this name.
    func departmentID(named name: String) -> Int? { departmentIDs[name] }

    /// `["Main Clinic" (101), "Lab" (103)]`, by id; an id the practice does not list shows as `(id 77)`.
    func departments(_ ids: [Int]) -> String {
        let parts = ids.sorted().map { id in departmentNames[id].map { "\"\($0)\" (\(id))" } ?? "(id \(id))" }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// `74 (James Whitfield)`, or the bare id when the practice lists no such provider.
    func provider(_ id: Int?) -> String? {
        guard let id else { return nil }
        return providerNames[id].map { "\(id) (\($0))" } ?? String(id)
    }
}
