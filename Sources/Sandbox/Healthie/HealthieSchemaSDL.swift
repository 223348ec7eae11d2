import RollcallCore

/// The Healthie simulator's schema, as SDL: a faithful subset of Healthie's real
/// schema (same names and types for everything served), in two versions.
///
/// `baseline` is API version 2024-06-01, which Healthie serves when no version
/// header is sent and which the published schema matches: lists paged by
/// `offset` and `page_size`. `connections` is 2026-01-01 and later:
/// `organizationMembers` and `users` answer a `UserConnection` paged by
/// `first`/`after`, and `updateClientInput.id` is required. A test proves the
/// baseline is a subset of the real schema.
enum HealthieSchemaSDL {
    /// `can_*` flags the real `OrganizationMembership` declares non-null.
    static let nonNullPermissions: Set<String> = [
        "can_access_calendar_quick_share", "can_add_clients", "can_add_members", "can_be_care_team_member",
        "can_charge_clients", "can_delete_charting_notes", "can_delete_faxes", "can_edit_appointment_types",
    ]

    static var permissions: [String] { HealthiePermission.names }

    static let baseline =
        common(updateClientID: "ID") + """
            type Query {
              currentUser: User
              user(id: ID, or_current_user: Boolean = false): User
              users(active_status: String = null, keywords: String = null, offset: Int = 0, page_size: Int = 10): [User!]
              organizationMembers(keywords: String = null, offset: Int = 0, page_size: Int = 10): [User!]
              organizationMembersCount(keywords: String = null): Int
              organizationMembership(user_id: ID, id: ID): OrganizationMembership
            }
            """

    static let connections =
        common(updateClientID: "ID!") + """
            type Query {
              currentUser: User
              user(id: ID, or_current_user: Boolean = false): User
              users(active_status: String = null, keywords: String = null, first: Int, after: Cursor, last: Int, before: Cursor): UserConnection
              organizationMembers(keywords: String = null, first: Int, after: Cursor, last: Int, before: Cursor): UserConnection
              organizationMembersCount(keywords: String = null): Int
              organizationMembership(user_id: ID, id: ID): OrganizationMembership
            }

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

    private static func common(updateClientID: String) -> String {
        let readFlags = permissions.map { "  \($0): Boolean\(nonNullPermissions.contains($0) ? "!" : "")" }
        let writeFlags = permissions.map { "  \($0): Boolean" }
        return """
            scalar Cursor

            type Mutation {
              createClient(input: createClientInput): createClientPayload
              updateClient(input: updateClientInput): updateClientPayload
              createOrganizationMembership(input: createOrganizationMembershipInput): createOrganizationMembershipPayload
              updateOrganizationMembership(input: updateOrganizationMembershipInput): updateOrganizationMembershipPayload
            }

            type User {
              id: ID!
              active: Boolean!
              dietitian_id: String
              email: String
              first_name: String
              is_org_admin: Boolean
              last_name: String
              last_sign_in_at: String
              npi: String
              organization: Organization
              organization_membership: OrganizationMembership
            }

            type Organization {
              id: ID!
            }

            type OrganizationMembership {
              id: ID!
              is_admin: Boolean
              is_provider: Boolean
              org_role: String
              user: User
            \(readFlags.joined(separator: "\n"))
            }

            type FieldError {
              field: String
              message: String!
            }

            type createClientPayload {
              messages: [FieldError]
              user: User
            }

            type updateClientPayload {
              messages: [FieldError]
              user: User
            }

            type createOrganizationMembershipPayload {
              messages: [FieldError]
              organizationMembership: OrganizationMembership
            }

            type updateOrganizationMembershipPayload {
              messages: [FieldError]
              organizationMembership: OrganizationMembership
            }

            input createClientInput {
              dietitian_id: String
              email: String
              first_name: String
              last_name: String
              skipped_email: Boolean
            }

            input updateClientInput {
              id: \(updateClientID)
              active: Boolean
              email: String
              first_name: String
              last_name: String
            }

            input createOrganizationMembershipInput {
              email: String
              first_name: String
              last_name: String
              org_role: String
              organization_id: ID
              send_invite_email: Boolean = true
            }

            input updateOrganizationMembershipInput {
              id: ID
              active: Boolean
              is_admin: Boolean
              is_provider: Boolean
              org_role: String
            \(writeFlags.joined(separator: "\n"))
            }


            """
    }
}
