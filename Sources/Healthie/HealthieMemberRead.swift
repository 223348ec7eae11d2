import RollcallCore
import RollcallHTTP

/// One page of the member list as the read keeps it: every user on it in Healthie's
/// order (a user without a membership is no member, but still counts), and its cursors.
struct MemberListPage: Sendable {
    var users: [(id: String, member: LiveHealthieMember?)]
    var total: Int
    var hasNext: Bool
    var startCursor: String?
    var endCursor: String?
}

/// The member list read from both ends at once.
///
/// Healthie pages members by cursor only, so a read from the start is one page after
/// another. The first page tells how many members there are; from then on a second
/// chain pages back from the end (`last`/`before`) while the first goes on (`first`/
/// `after`), each taking half of the pages left, and the read takes about half as long.
/// The pages are sized so the two halves share at least one member: the shared members
/// must be the end of one half and the start of the other, in the same order, which
/// proves the halves meet with nothing between them. Together they must hold exactly
/// `total_count` members, every id once, and every page must give the same count.
/// A list with one more member than fits in whole pages costs no extra request; one
/// that fills its pages exactly costs one, for the shared member.
struct HealthieMemberRead {
    let pageSize: Int
    let fetch: @Sendable (PageVariables) async throws -> MemberListPage
    let progress: ProgressSink?

    func run() async throws -> [LiveHealthieMember] {
        let first = try await fetch(.forward(pageSize, after: nil))
        let total = first.total
        progress?(ReadProgress(subject: "healthie members", read: first.users.count, total: total))
        guard first.hasNext else { return try Self.joined([first], [], total: total) }
        let granted = first.users.count
        guard granted > 0, first.endCursor != nil else {
            throw HealthieError(.malformedAnswer, "Healthie said more members follow but sent no end_cursor")
        }
        // Pages after the first, so the two halves cover at least total + 1 members: one shared.
        let remaining = max(1, total / granted)
        let backwardQuota = remaining / 2
        let tally = HealthieReadTally(read: granted, total: total, sink: progress)
        async let backHalf = backward(quota: backwardQuota, size: granted, tally: tally)
        var forward = try await continued(
            [first], quota: remaining - backwardQuota, size: granted, tally: tally, until: [])
        let back = try await backHalf
        // The halves may not meet when Healthie granted fewer members on some page than on
        // the first: the forward half goes on until it reaches a member the other read, or the end.
        let backIDs = Set(back.flatMap { $0.users.map(\.id) })
        if let last = forward.last, last.hasNext, !last.users.contains(where: { backIDs.contains($0.id) }) {
            forward = try await continued(forward, quota: nil, size: granted, tally: tally, until: backIDs)
        }
        return try Self.joined(forward, back.reversed(), total: total)
    }

    /// Pages back from the end, `quota` of them at most. A short page is the start of the
    /// list (or Healthie granted less); the forward half covers whatever this one leaves.
    private func backward(quota: Int, size: Int, tally: HealthieReadTally) async throws -> [MemberListPage] {
        var pages: [MemberListPage] = []
        var cursors: Set<String> = []
        var cursor: String?
        while pages.count < quota {
            let page = try await fetch(.backward(size, before: cursor))
            pages.append(page)
            await tally.add(page.users.count)
            guard page.users.count >= size, let next = page.startCursor else { break }
            guard cursors.insert(next).inserted else {
                throw HealthieError(.changedDuringRead, "the cursor \(next) came back, so the pages would loop")
            }
            cursor = next
        }
        return pages
    }

    /// `pages` followed forward: `quota` more pages, or (with no quota) until a page holds
    /// one of `until`'s members; never past the end of the list.
    private func continued(
        _ pages: [MemberListPage], quota: Int?, size: Int, tally: HealthieReadTally, until: Set<String>
    ) async throws -> [MemberListPage] {
        var pages = pages
        var cursors = Set(pages.compactMap(\.endCursor))
        var added = 0
        while let last = pages.last, last.hasNext, quota.map({ added < $0 }) ?? true {
            guard let cursor = last.endCursor else {
                throw HealthieError(.malformedAnswer, "Healthie said more members follow but sent no end_cursor")
            }
            let page = try await fetch(.forward(size, after: cursor))
            pages.append(page)
            added += 1
            await tally.add(page.users.count)
            if let next = page.endCursor, page.hasNext, !cursors.insert(next).inserted {
                throw HealthieError(.changedDuringRead, "the cursor \(next) came back, so the pages would loop")
            }
            if page.users.contains(where: { until.contains($0.id) }) { break }
        }
        return pages
    }

    /// The members of both halves (the backward half in list order), proven to be the
    /// whole list, sorted by email.
    static func joined(
        _ forward: [MemberListPage], _ backward: [MemberListPage], total: Int
    ) throws -> [LiveHealthieMember] {
        for page in forward + backward where page.total != total {
            throw HealthieError(.changedDuringRead, "the member count moved from \(total) to \(page.total)")
        }
        let head = forward.flatMap(\.users)
        let tail = backward.flatMap(\.users)
        let tailIDs = Set(tail.map(\.id))
        let shared = head.reversed().prefix { tailIDs.contains($0.id) }.count
        if !tail.isEmpty {
            guard shared > 0 || forward.last?.hasNext == false else {
                throw HealthieError(
                    .changedDuringRead, "the pages from the start and from the end did not meet on a member")
            }
            guard head.suffix(shared).map(\.id) == tail.prefix(shared).map(\.id) else {
                throw HealthieError(
                    .changedDuringRead, "the pages from the start and from the end disagree where they meet")
            }
        }
        var seen: Set<String> = []
        var members: [LiveHealthieMember] = []
        for user in head + tail.dropFirst(shared) {
            guard seen.insert(user.id).inserted else {
                throw HealthieError(.changedDuringRead, "user \(user.id) appears more than once")
            }
            if let member = user.member { members.append(member) }
        }
        guard seen.count == total else {
            throw HealthieError(.changedDuringRead, "total_count is \(total), but \(seen.count) members were read")
        }
        return members.sorted { ($0.email.lowercased(), $0.userID) < ($1.email.lowercased(), $1.userID) }
    }
}

/// Members read so far by both halves, reported as pages arrive.
actor HealthieReadTally {
    private let total: Int
    private let sink: ProgressSink?
    private var read: Int

    init(read: Int, total: Int, sink: ProgressSink?) {
        self.read = read
        self.total = total
        self.sink = sink
    }

    func add(_ count: Int) {
        read += count
        sink?(ReadProgress(subject: "healthie members", read: min(read, total), total: total))
    }
}
