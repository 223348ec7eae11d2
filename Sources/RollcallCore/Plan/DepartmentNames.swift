/// A practice's live departments, by exact name and by id.
struct DepartmentNames {
    private var ids: [String: Int] = [:]
    private var names: [Int: String] = [:]

    init(_ departments: [LiveDepartment]) {
        for department in departments {
            if ids[department.name] == nil { ids[department.name] = department.departmentID }
            names[department.departmentID] = department.name
        }
    }

    func id(for name: String) -> Int? { ids[name] }

    /// `["Main Clinic" (101), "Lab" (103)]`, by id; an id the practice does not list shows as `(id 77)`.
    func display(_ departmentIDs: [Int]) -> String {
        let parts = departmentIDs.sorted().map { id in names[id].map { "\"\($0)\" (\(id))" } ?? "(id \(id))" }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
