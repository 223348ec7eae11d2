import RollcallCore

/// Every GraphQL document Rollcall sends to Healthie. Each is static: values
/// travel only as variables, never spliced into the text. A test validates each
/// against Healthie's real schema, with the 2026 connection paging applied.
public enum HealthieDocuments {
    /// The membership fields Rollcall reads and manages: role, admin and provider
    /// flags, and every `can_*` permission a role may declare.
    static let membershipFragment = """
        fragment RollcallMembership on OrganizationMembership {
          id
          org_role
          is_admin
          is_provider
        \(HealthiePermission.descriptions.keys.sorted().map { "  \($0)" }.joined(separator: "\n"))
        }
        """

    static let memberFragment = """
        fragment RollcallMember on User {
          id
          active
          email
          first_name
          last_name
          organization_membership {
            ...RollcallMembership
          }
        }
        """

    /// A page of organization members, by cursor.
    public static let members = """
        query RollcallMembers($first: Int, $after: Cursor) {
          organizationMembers(first: $first, after: $after) {
            total_count
            page_info {
              has_next_page
              end_cursor
            }
            nodes {
              ...RollcallMember
            }
          }
        }
        """ + "\n" + memberFragment + "\n" + membershipFragment

    /// Members matching an email, to find one a lost answer may have created.
    public static let membersByKeywords = """
        query RollcallMembersByKeywords($keywords: String, $first: Int) {
          organizationMembers(keywords: $keywords, first: $first) {
            nodes {
              ...RollcallMember
            }
          }
        }
        """ + "\n" + memberFragment + "\n" + membershipFragment

    /// Clients (patients) matching a staff email: staff misrouted into the patient namespace.
    public static let clientsByKeywords = """
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
    public static let clients = """
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

    public static let createMembership = """
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

    public static let updateMembership = """
        mutation RollcallUpdateMembership($input: updateOrganizationMembershipInput) {
          updateOrganizationMembership(input: $input) {
            organizationMembership {
              ...RollcallMembership
              user {
                id
                active
                email
                first_name
                last_name
              }
            }
            messages {
              field
              message
            }
          }
        }
        """ + "\n" + membershipFragment

    /// Every document, by name, for the schema test.
    public static let all: [String: String] = [
        "members": members, "membersByKeywords": membersByKeywords, "clientsByKeywords": clientsByKeywords,
        "clients": clients,
        "createMembership": createMembership, "updateMembership": updateMembership,
    ]
}
