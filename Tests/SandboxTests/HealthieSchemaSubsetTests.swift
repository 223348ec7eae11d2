import Foundation
import GraphQL
import RollcallTestSupport
import Testing

@testable import Sandbox

/// The simulator's baseline schema must be a faithful subset of Healthie's real
/// one: every type it declares exists there with the same kind, and every field,
/// argument and input field it declares exists there with the same type and default.
@Suite struct HealthieSchemaSubsetTests {
    static let realSchemaPath = RepositoryFiles.healthieSchema.path

    /// Differences between `ours` and `real`, one line each; empty when `ours` is a subset.
    static func differences(ours: GraphQLSchema, real: GraphQLSchema) throws -> [String] {
        var problems: [String] = []
        for (name, type) in ours.typeMap where !name.hasPrefix("__") {
            guard let theirs = real.typeMap[name] else {
                problems.append("type \(name) is not in the real schema")
                continue
            }
            switch (type, theirs) {
            case (let object as GraphQLObjectType, let realObject as GraphQLObjectType):
                let realFields = try realObject.fields()
                for (fieldName, field) in try object.fields() {
                    guard let realField = realFields[fieldName] else {
                        problems.append("\(name).\(fieldName) is not in the real schema")
                        continue
                    }
                    if field.type.debugDescription != realField.type.debugDescription {
                        problems.append(
                            "\(name).\(fieldName) is \(field.type.debugDescription), real is \(realField.type.debugDescription)"
                        )
                    }
                    for (argumentName, argument) in field.args {
                        guard let realArgument = realField.args[argumentName] else {
                            problems.append("\(name).\(fieldName)(\(argumentName):) is not in the real schema")
                            continue
                        }
                        if argument.type.debugDescription != realArgument.type.debugDescription
                            || argument.defaultValue != realArgument.defaultValue
                        {
                            problems.append("\(name).\(fieldName)(\(argumentName):) differs from the real schema")
                        }
                    }
                }
            case (let input as GraphQLInputObjectType, let realInput as GraphQLInputObjectType):
                let realFields = try realInput.fields()
                for (fieldName, field) in try input.fields() {
                    guard let realField = realFields[fieldName] else {
                        problems.append("\(name).\(fieldName) is not in the real schema")
                        continue
                    }
                    if field.type.debugDescription != realField.type.debugDescription
                        || field.defaultValue != realField.defaultValue
                    {
                        problems.append("input \(name).\(fieldName) differs from the real schema")
                    }
                }
            case (is GraphQLScalarType, is GraphQLScalarType):
                break
            default:
                problems.append("\(name) is a different kind of type in the real schema")
            }
        }
        return problems
    }

    static func realSchema() throws -> GraphQLSchema {
        try buildSchema(source: String(contentsOfFile: realSchemaPath, encoding: .utf8))
    }

    @Test func theBaselineIsASubsetOfHealthiesRealSchema() throws {
        let real = try Self.realSchema()
        let ours = try buildSchema(source: HealthieSchemaSDL.baseline)
        #expect(try Self.differences(ours: ours, real: real) == [])
        #expect(try ours.queryType?.fields().count == 6)
        #expect(try ours.mutationType?.fields().count == 4)
    }

    /// The connection version differs from the baseline only where Healthie's 2026-01-01 release changed it.
    @Test func theConnectionVersionDiffersOnlyInPaging() throws {
        let real = try Self.realSchema()
        let ours = try buildSchema(source: HealthieSchemaSDL.connections)
        let differences = try Self.differences(ours: ours, real: real)
        let expected: Set<String> = [
            "type UserConnection is not in the real schema", "type UserEdge is not in the real schema",
            "type PageInfo is not in the real schema",
            "Query.users is UserConnection, real is [User!]",
            "Query.organizationMembers is UserConnection, real is [User!]",
            "Query.users(first:) is not in the real schema", "Query.users(last:) is not in the real schema",
            "Query.users(before:) is not in the real schema",
            "Query.organizationMembers(first:) is not in the real schema",
            "Query.organizationMembers(last:) is not in the real schema",
            "Query.organizationMembers(after:) is not in the real schema",
            "Query.organizationMembers(before:) is not in the real schema",
            "input updateClientInput.id differs from the real schema",
        ]
        #expect(Set(differences) == expected)
    }

    @Test func theCheckCatchesADifference() throws {
        let real = try Self.realSchema()
        let wrong = try buildSchema(
            source: "type Query { currentUser: User }\ntype User { id: ID! active: String nickname: String }")
        #expect(
            try Self.differences(ours: wrong, real: real).sorted() == [
                "User.active is String, real is Boolean!", "User.nickname is not in the real schema",
            ])
    }
}
