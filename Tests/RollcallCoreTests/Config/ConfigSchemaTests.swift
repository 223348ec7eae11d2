import Foundation
import RollcallTestSupport
import Testing

@testable import RollcallCore

/// `schemas/rollcall.schema.json` must describe exactly the keys the decoder reads.
@Suite struct ConfigSchemaTests {
    static let schemaURL = RepositoryFiles.root.appendingPathComponent("schemas/rollcall.schema.json")

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.schemaURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The property names of the object at a path of keys.
    func keys(_ path: [String], in schema: [String: Any]) throws -> Set<String> {
        var node: Any = schema
        for key in path {
            node = try #require((node as? [String: Any])?[key], "no \(path) in the schema")
        }
        let properties = try #require((node as? [String: Any])?["properties"] as? [String: Any])
        return Set(properties.keys)
    }

    @Test func everyMappingListsTheDecodersKeys() throws {
        let schema = try schema()
        let expectations: [([String], [String])] = [
            ([], RootKey.names),
            (["$defs", "systems"], SystemsKey.names),
            (["$defs", "systems", "properties", "athena"], AthenaKey.names),
            (["$defs", "practice"], PracticeKey.names),
            (["$defs", "systems", "properties", "healthie"], HealthieKey.names),
            (["$defs", "policy"], PolicyKey.names),
            (["$defs", "policy", "properties", "ignore", "items"], IgnoreKey.names),
            (["$defs", "role"], RoleKey.names),
            (["$defs", "role", "properties", "athena"], AthenaRoleKey.names),
            (["$defs", "role", "properties", "healthie"], HealthieRoleKey.names),
            (["$defs", "staffMember"], StaffKey.names),
            (["$defs", "assignment"], AssignmentKey.names),
            (["$defs", "roster"], RosterKey.names),
            (["$defs", "roster", "properties", "columns"], RosterField.names),
            (["$defs", "roster", "properties", "statuses"], RosterLifecycle.names),
        ]
        for (path, decoderKeys) in expectations {
            #expect(try keys(path, in: schema) == Set(decoderKeys), "at \(path)")
            #expect(decoderKeys.count <= 64, "a mapping's written keys are a KeySet of 64 bits, at \(path)")
        }
    }

    @Test func permissionsAreTheCatalog() throws {
        let permissions = try keys(
            ["$defs", "role", "properties", "healthie", "properties", "permissions"], in: schema())
        #expect(permissions == Set(HealthiePermission.names))
    }

    @Test func enumsMatchTheModel() throws {
        let schema = try schema()
        func values(_ path: [String]) throws -> Set<String> {
            var node: Any = schema
            for key in path { node = try #require((node as? [String: Any])?[key]) }
            return Set(try #require((node as? [String: Any])?["enum"] as? [String]))
        }
        #expect(
            try values(["$defs", "policy", "properties", "unmanaged"]) == Set(UnmanagedPolicy.allCases.map(\.rawValue)))
        #expect(
            try values(["$defs", "role", "properties", "athena", "properties", "usertype"])
                == Set(AthenaUserType.allCases.map(\.rawValue)))
        #expect(
            try values(["$defs", "role", "properties", "healthie", "properties", "org_role"])
                == Set(HealthieOrgRole.allCases.map(\.rawValue)))
        #expect(
            try values(["$defs", "staffMember", "properties", "status"]) == Set(StaffStatus.allCases.map(\.rawValue)))
    }
}
