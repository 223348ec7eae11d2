import Foundation
import RollcallCore
import Synchronization
import Testing

@testable import Healthie

/// The member list read from both ends: what it reads, how many pages it asks for, and
/// that a list whose halves do not join is refused. The pages come from a list held
/// here, with cursors that name a member (as Healthie's do), so a change between pages
/// can be made exactly where a test wants it.
@Suite struct HealthieMemberReadTests {
    /// A member list served by cursor from either end. `change` runs once, after the
    /// first page is answered, to edit the list while it is read; `backwardLimit`
    /// grants fewer members than asked to pages taken from the end.
    final class ScriptedList: Sendable {
        private let state: Mutex<(ids: [String], pages: [String], changed: Bool)>
        let change: @Sendable (inout [String]) -> Void
        let backwardLimit: Int?

        init(
            count: Int, backwardLimit: Int? = nil, change: @escaping @Sendable (inout [String]) -> Void = { _ in }
        ) {
            state = Mutex(((0..<count).map { "u\($0)" }, [], false))
            self.change = change
            self.backwardLimit = backwardLimit
        }

        var requests: [String] { state.withLock { $0.pages } }

        func page(_ variables: PageVariables) -> MemberListPage {
            state.withLock { state in
                let ids = state.ids
                var start = 0
                var end = ids.count
                if let after = variables.after, let index = ids.firstIndex(of: after) { start = index + 1 }
                if let before = variables.before, let index = ids.firstIndex(of: before) { end = index }
                if let first = variables.first { end = min(end, start + first) }
                if let last = variables.last { start = max(start, end - min(last, backwardLimit ?? last)) }
                state.pages.append(variables.first != nil ? "first" : "last")
                let window = Array(ids[start..<end])
                let page = MemberListPage(
                    users: window.map { ($0, Self.member($0)) }, total: ids.count, hasNext: end < ids.count,
                    startCursor: window.first, endCursor: window.last)
                if !state.changed {
                    state.changed = true
                    change(&state.ids)
                }
                return page
            }
        }

        static func member(_ id: String) -> LiveHealthieMember {
            LiveHealthieMember(
                userID: id, membershipID: "m-\(id)", email: "\(id)@example.org", firstName: "F", lastName: id,
                active: true, orgRole: "Standard", isAdmin: false, isProvider: false, permissions: [:])
        }

        func read(pageSize: Int) async throws -> [String] {
            try await HealthieMemberRead(pageSize: pageSize, fetch: { self.page($0) }, progress: nil).run()
                .map(\.userID).sorted { Int($0.dropFirst()) ?? 0 < Int($1.dropFirst()) ?? 0 }
        }
    }

    static func ids(_ range: Range<Int>) -> [String] { range.map { "u\($0)" } }

    @Test func theListIsReadFromBothEndsInTheFewestPages() async throws {
        let list = ScriptedList(count: 5_001)
        #expect(try await list.read(pageSize: 100) == Self.ids(0..<5_001))
        // 51 pages, as one chain from the start would take, but 26 deep instead of 51.
        #expect(list.requests.count == 51)
        #expect(list.requests.filter { $0 == "first" }.count == 26)
        #expect(list.requests.filter { $0 == "last" }.count == 25)
    }

    /// A list that fills its pages exactly costs one page more, for the member both halves share.
    @Test func aListThatFillsItsPagesExactlyCostsOnePageForTheSharedMember() async throws {
        let list = ScriptedList(count: 300)
        #expect(try await list.read(pageSize: 100) == Self.ids(0..<300))
        #expect(list.requests.count == 4)
    }

    @Test(arguments: [0, 1, 99, 100])
    func aListOfOnePageIsOneRequest(count: Int) async throws {
        let list = ScriptedList(count: count)
        #expect(try await list.read(pageSize: 100) == Self.ids(0..<count))
        #expect(list.requests == ["first"])
    }

    /// Healthie granting fewer members to a page from the end leaves a gap; the forward
    /// half goes on until it reaches what the other read.
    @Test func aShortPageFromTheEndIsMadeUpFromTheStart() async throws {
        let list = ScriptedList(count: 1_000, backwardLimit: 30)
        #expect(try await list.read(pageSize: 100) == Self.ids(0..<1_000))
        #expect(list.requests.filter { $0 == "last" }.count == 1, "a short page is taken for the start of the list")
    }

    /// One member gone from the part already read and one added at the end: the count
    /// still adds up, but the halves no longer join, and nothing is planned from it.
    @Test func aListThatChangedBetweenTheHalvesIsRefused() async throws {
        let list = ScriptedList(count: 250) { ids in
            ids.remove(at: 10)
            ids.append("u9999")
        }
        let error = await #expect(throws: HealthieError.self) { try await list.read(pageSize: 100) }
        #expect(error?.code == .changedDuringRead)
    }

    @Test func halvesThatDisagreeWhereTheyMeetAreRefused() throws {
        func page(_ ids: [String], hasNext: Bool) -> MemberListPage {
            MemberListPage(
                users: ids.map { ($0, ScriptedList.member($0)) }, total: 6, hasNext: hasNext, startCursor: ids.first,
                endCursor: ids.last)
        }
        let agreeing = try HealthieMemberRead.joined(
            [page(["a", "b", "c", "d"], hasNext: true)], [page(["d", "e", "f"], hasNext: false)], total: 6)
        #expect(agreeing.map(\.userID) == ["a", "b", "c", "d", "e", "f"])
        #expect(throws: HealthieError.self) {
            try HealthieMemberRead.joined(
                [page(["a", "b", "c", "d"], hasNext: true)], [page(["c", "e", "d"], hasNext: false)], total: 6)
        }
        #expect(throws: HealthieError.self) {
            try HealthieMemberRead.joined(
                [page(["a", "b", "c"], hasNext: true)], [page(["d", "e", "f"], hasNext: false)], total: 6)
        }
    }
}
