import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// The permission catalog must be exactly the `can_*` flags that Healthie's real
/// schema both reads on `OrganizationMembership` and writes through
/// `updateOrganizationMembershipInput`, less the deprecated ones.
@Suite struct HealthiePermissionTests {
    static let schemaPath = RepositoryFiles.healthieSchema.path

    /// `name: Type` lines of one top-level block of the SDL, descriptions skipped.
    func fields(of header: String, in schema: String) throws -> [String: String] {
        let start = try #require(schema.range(of: "\n\(header) {\n") ?? schema.range(of: "\n\(header) implements"))
        let body = schema[start.upperBound...]
        let end = try #require(body.range(of: "\n}\n"))
        var result: [String: String] = [:]
        for line in body[..<end.lowerBound].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Fields with arguments have a "(" before their colon; none of those is a flag.
            guard let colon = trimmed.firstIndex(of: ":"), !trimmed.hasPrefix("\""),
                !trimmed[..<colon].contains("(")
            else { continue }
            result[String(trimmed[..<colon])] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return result
    }

    @Test func catalogMatchesTheRealSchema() throws {
        let schema = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        let input = try fields(of: "input updateOrganizationMembershipInput", in: schema)
        let membership = try fields(of: "type OrganizationMembership", in: schema)
        let writable = Set(input.filter { $0.key.hasPrefix("can_") && $0.value == "Boolean" }.keys)
        let readable = membership.filter { $0.key.hasPrefix("can_") && $0.value.hasPrefix("Boolean") }
        let deprecated = Set(readable.filter { $0.value.contains("@deprecated") }.keys)
        #expect(writable.count > 50)
        #expect(deprecated == ["can_lock_form_answer_groups"])
        #expect(Set(HealthiePermission.names) == writable.intersection(readable.keys).subtracting(deprecated))
    }
}

@Suite struct HealthiePermissionKindTests {
    @Test func everyKindHoldsFlagsAndTheAdminLevelOnesAreOrganizationAdministration() {
        let kinds = Set(HealthiePermission.catalogue.values.map(\.kind))
        #expect(kinds == Set(HealthiePermission.Kind.allCases))
        #expect(HealthiePermission.isAdministrative("can_edit_members"))
        #expect(HealthiePermission.isAdministrative("can_add_members"))
        #expect(!HealthiePermission.isAdministrative("can_view_labs"))
        #expect(HealthiePermission.catalogue.values.allSatisfy { !$0.summary.hasPrefix("If true") })
    }
}
