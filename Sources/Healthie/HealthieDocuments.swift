import RollcallCore

/// Every GraphQL document Rollcall sends to Healthie. Each is static: values
/// travel only as variables, never spliced into the text. A test validates each
/// against Healthie's real schema, with the 2026 connection paging applied.
package enum HealthieDocuments {
    /// Every `can_*` flag Rollcall knows, sorted.
    package static let allPermissions = HealthiePermission.names

    /// The membership fields Rollcall reads and manages: role, admin and provider
    /// flags, and the `can_*` flags asked for. Only flags Rollcall knows are ever
    /// written into a document; anything else is left out.
    static func membershipFragment(permissions: [String]) -> String {
        let known = permissions.filter { HealthiePermission.isKnown($0) }
        return """
            fragment RollcallMembership on OrganizationMembership {
              id
              org_role
              is_admin
              is_provider
            \(known.map { "  \($0)" }.joined(separator: "\n"))
            }
            """
    }

    static let membershipFragment = membershipFragment(permissions: allPermissions)

    static let memberFragment = """
        fragment RollcallMember on User {
          id
          active
          email
          first_name
          last_name
          last_sign_in_at
          organization_membership {
            ...RollcallMembership
          }
        }
        """

    /// A page of organization members, by cursor from either end, each with the flags asked for.
    package static func members(permissions: [String]) -> String {
        """
        query RollcallMembers($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
          organizationMembers(first: $first, after: $after, last: $last, before: $before) {
            total_count
            page_info {
              has_next_page
              end_cursor
              start_cursor
            }
            nodes {
              ...RollcallMember
            }
          }
        }
        """ + "\n" + memberFragment + "\n" + membershipFragment(permissions: permissions)
    }

    package static let members = members(permissions: allPermissions)

    /// Members matching an email, to find one a lost answer may have created.
    package static func membersByKeywords(permissions: [String]) -> String {
        """
        query RollcallMembersByKeywords($keywords: String, $first: Int) {
          organizationMembers(keywords: $keywords, first: $first) {
            nodes {
              ...RollcallMember
            }
          }
        }
        """ + "\n" + memberFragment + "\n" + membershipFragment(permissions: permissions)
    }

    package static let membersByKeywords = membersByKeywords(permissions: allPermissions)

    /// Clients (patients) matching a staff email: staff misrouted into the patient namespace.
    package static let clientsByKeywords = """
        query RollcallClientsByKeywords($keywords: String, $first: Int) {
          users(keywords: $keywords, first: $first) {
            nodes {
              id
              active
              email
              first_name
              last_name
            }
          }
        }
        """

    /// A page of every client, by cursor: cheaper than one search per staff email when there are few clients.
    package static let clients = """
        query RollcallClients($first: Int, $after: Cursor) {
          users(first: $first, after: $after) {
            total_count
            page_info {
              has_next_page
              end_cursor
            }
            nodes {
              id
              active
              email
              first_name
              last_name
            }
          }
        }
        """

    /// The organization the API key's user belongs to, to check it is the one the config names.
    package static let currentOrganization = """
        query RollcallCurrentOrganization {
          currentUser {
            id
            organization {
              id
            }
          }
        }
        """

    package static let createMembership = """
        mutation RollcallCreateMembership($input: createOrganizationMembershipInput) {
          createOrganizationMembership(input: $input) {
            organizationMembership {
              id
            }
            messages {
              field
              message
            }
          }
        }
        """

    package static let updateMembership = """
        mutation RollcallUpdateMembership($input: updateOrganizationMembershipInput) {
          updateOrganizationMembership(input: $input) {
            organizationMembership {
              ...RollcallMembershipWithUser
            }
            messages {
              field
              message
            }
          }
        }
        """ + "\n" + membershipWithUserFragment + "\n" + membershipFragment

    /// A membership with its user's own fields: what a write's answer and a single read carry.
    static let membershipWithUserFragment = """
        fragment RollcallMembershipWithUser on OrganizationMembership {
          ...RollcallMembership
          user {
            id
            active
            email
            first_name
            last_name
            last_sign_in_at
          }
        }
        """

    /// One membership by id, with its user: the record an update's precondition is checked on.
    package static func membership(permissions: [String]) -> String {
        """
        query RollcallMembership($id: ID) {
          organizationMembership(id: $id) {
            ...RollcallMembershipWithUser
          }
        }
        """ + "\n" + membershipWithUserFragment + "\n" + membershipFragment(permissions: permissions)
    }

    package static let membership = membership(permissions: allPermissions)

    /// Every document, by name, for the schema test.
    package static let all: [String: String] = [
        "members": members, "membersByKeywords": membersByKeywords, "clientsByKeywords": clientsByKeywords,
        "clients": clients, "currentOrganization": currentOrganization,
        "createMembership": createMembership, "updateMembership": updateMembership, "membership": membership,
    ]
}
