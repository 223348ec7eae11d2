/// How many members one page may ask for, given the `can_*` flags each carries.
///
/// Healthie refuses a query over 2,000 complexity points, counted as graphql-ruby
/// counts them: a field costs 1 and the fields under a page cost once per member
/// the page may hold. A member of `HealthieDocuments.members` costs 16 points plus
/// one per flag (its page's `total_count` and cursors included), so the page is as
/// large as fits in 1,800 points (Healthie's exact count is not published; a tenth is
/// kept spare), and never over 100, Healthie's largest page.
package enum HealthieMemberPage {
    static let complexityBudget = 1_800
    static let pointsPerMember = 16
    package static let largest = 100

    package static func size(permissionCount: Int) -> Int {
        let perMember = pointsPerMember + max(0, permissionCount)
        return max(1, min(largest, (complexityBudget - 1) / perMember))
    }
}
