import Foundation
import GraphQL
import Healthie
import RollcallTestSupport
import Testing

/// Every document the Healthie client can send validates against Healthie's real
/// schema (`Tests/Fixtures/healthie/schema.graphql`), with the one change that
/// schema predates: from API version 2026-01-01, `organizationMembers` and
/// `users` answer a `UserConnection` paged by `first`/`after`/`last`/`before`.
@Suite struct HealthieDocumentSchemaTests {
    static let realSchemaPath = RepositoryFiles.healthieSchema.path

    /// The real schema's SDL with the documented 2026-01-01 paging applied to the two lists, and nothing else.
    static func versionedSchema() throws -> GraphQLSchema {
        var sdl = try String(contentsOfFile: realSchemaPath, encoding: .utf8)
        guard let queryStart = sdl.range(of: "\ntype Query {\n"),
            let queryEnd = sdl.range(of: "\n}\n", range: queryStart.upperBound..<sdl.endIndex)
        else { throw SchemaPatchError(message: "no Query type in the real schema") }
        var query = String(sdl[queryStart.upperBound..<queryEnd.lowerBound])
        for field in ["organizationMembers", "users"] {
            guard let start = query.range(of: "\n  \(field)(\n"),
                let end = query.range(of: "\n  ): [User!]\n", range: start.upperBound..<query.endIndex)
            else { throw SchemaPatchError(message: "Query.\(field) is not a [User!] list in the real schema") }
            let arguments = query[start.upperBound..<end.lowerBound]
            let added = ["first: Int", "after: Cursor", "last: Int", "before: Cursor"].filter { argument in
                let name = argument.prefix { $0 != ":" }
                return !arguments.contains("\n    \(name):") && !arguments.hasPrefix("    \(name):")
            }
            let replacement = added.map { "\n    \($0)" }.joined() + "\n  ): UserConnection\n"
            query.replaceSubrange(end, with: replacement)
        }
        sdl.replaceSubrange(queryStart.upperBound..<queryEnd.lowerBound, with: query)
        sdl += """

            type UserConnection {
              edges: [UserEdge!]!
              nodes: [User!]!
              page_info: PageInfo!
              total_count: Int!
            }

            type UserEdge {
              cursor: Cursor!
              node: User!
            }

            type PageInfo {
              end_cursor: Cursor
              has_next_page: Boolean!
              has_previous_page: Boolean!
              start_cursor: Cursor
            }

            """
        return try buildSchema(source: sdl)
    }

    static func problems(_ document: String, _ schema: GraphQLSchema) throws -> [String] {
        let ast = try parse(source: Source(body: document))
        return validate(schema: schema, ast: ast).map(\.message)
    }

    @Test func everyDocumentValidatesAgainstTheRealSchema() throws {
        let schema = try Self.versionedSchema()
        #expect(HealthieDocuments.all.count == 8)
        for (name, document) in HealthieDocuments.all.sorted(by: { $0.key < $1.key }) {
            #expect(try Self.problems(document, schema) == [], "\(name)")
        }
    }

    /// Member reads ask only for the flags a config manages; those documents validate too,
    /// and a flag Rollcall does not know never reaches a document.
    @Test(arguments: [[], ["can_order_labs"], ["can_edit_members", "can_see_billing", "can_view_reports"]])
    func memberReadsForManagedFlagsValidate(flags: [String]) throws {
        let schema = try Self.versionedSchema()
        for document in [
            HealthieDocuments.members(permissions: flags), HealthieDocuments.membersByKeywords(permissions: flags),
        ] {
            #expect(try Self.problems(document, schema) == [])
            #expect(flags.allSatisfy { document.contains($0) })
        }
        let injected = HealthieDocuments.members(permissions: flags + ["can_order_labs } mutation { x"])
        #expect(!injected.contains("mutation"))
    }

    /// The check can fail: a field the real schema lacks, or a mutation it does not have, is caught.
    @Test func theCheckCatchesWhatTheRealSchemaLacks() throws {
        let schema = try Self.versionedSchema()
        let deleteClient = "mutation { deleteClient(input: { id: \"1\" }) { messages { field } } }"
        #expect(try !Self.problems(deleteClient, schema).isEmpty)
        let noActiveOnMembership = "query { organizationMembership(id: \"1\") { id active } }"
        #expect(try !Self.problems(noActiveOnMembership, schema).isEmpty)
        let offsetPaging = "query { organizationMembers(offset: 0, page_size: 10) { nodes { id } } }"
        #expect(try Self.problems(offsetPaging, schema) == [])
    }

    /// Rollcall never writes staff as clients: no document it can send touches a client mutation.
    @Test func noDocumentIsAClientMutation() {
        for document in HealthieDocuments.all.values {
            for mutation in ["createClient", "updateClient", "deleteClient", "bulkUpdateClients"] {
                #expect(!document.contains(mutation))
            }
        }
    }
}

struct SchemaPatchError: Error {
    var message: String
}
