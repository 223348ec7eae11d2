import Foundation
import RollcallCore
import RollcallHTTP

/// One practice's read: its records, or why it could not be read.
package struct AthenaPracticeRead: Sendable {
    package var practiceID: Int
    package var result: Result<LiveAthenaPractice, AthenaError>
}

extension AthenaConnector {
    /// Reads every practice at once; a practice that fails does not stop the others.
    package func readPractices(_ practiceIDs: [Int], progress: ProgressSink? = nil) async -> [AthenaPracticeRead] {
        await withTaskGroup(of: AthenaPracticeRead.self) { group in
            for id in practiceIDs {
                group.addTask {
                    do {
                        return AthenaPracticeRead(
                            practiceID: id, result: .success(try await readPractice(id, progress: progress)))
                    } catch let error as AthenaError {
                        return AthenaPracticeRead(practiceID: id, result: .failure(error))
                    } catch {
                        return AthenaPracticeRead(
                            practiceID: id, result: .failure(AthenaError(.unavailable, "\(error)")))
                    }
                }
            }
            var reads: [Int: AthenaPracticeRead] = [:]
            for await read in group { reads[read.practiceID] = read }
            return practiceIDs.compactMap { reads[$0] }
        }
    }

    /// All users, providers and departments (hidden ones too) of one practice.
    package func readPractice(_ practiceID: Int, progress: ProgressSink? = nil) async throws -> LiveAthenaPractice {
        async let users = list(
            AthenaUserRecord.self, AthenaAPI.users(practiceID), endpoint: AthenaAPI.Endpoint.listUsers,
            subject: "athena \(practiceID) users", progress: progress)
        async let providers = list(
            AthenaProviderRecord.self, AthenaAPI.providers(practiceID), endpoint: AthenaAPI.Endpoint.listProviders,
            subject: "athena \(practiceID) providers", progress: progress)
        async let departments = list(
            AthenaDepartmentRecord.self, AthenaAPI.departments(practiceID), query: [("showalldepartments", "1")],
            endpoint: AthenaAPI.Endpoint.listDepartments, subject: "athena \(practiceID) departments",
            progress: progress)
        do {
            return LiveAthenaPractice(
                practiceID: practiceID,
                users: try await users.map { try $0.live() }.sorted { $0.userID < $1.userID },
                providers: try await providers.map { try $0.live() }.sorted { $0.providerID < $1.providerID },
                departments: try await departments.map { try $0.live() }.sorted { $0.departmentID < $1.departmentID })
        } catch let problem as RecordProblem {
            throw AthenaError(.malformedAnswer, "practice \(practiceID) sent \(problem)")
        }
    }

    /// One user by id (athenaOne answers a one-element array), or nil when the practice has no such user.
    package func user(_ userID: Int, practiceID: Int) async throws -> LiveAthenaUser? {
        let answer = try await idempotent(
            .GET, AthenaAPI.user(practiceID, userID), endpoint: AthenaAPI.Endpoint.getUser)
        if answer.status == 404 { return nil }
        try Self.expectOK(answer, "reading user \(userID) in practice \(practiceID)")
        return try Self.decodeUser(answer, userID: userID, practiceID: practiceID)
    }

    /// A get-by-id answer: a one-element array as athenaOne sends it, or the bare record.
    static func decodeUser(_ answer: HTTPAnswer, userID: Int, practiceID: Int) throws -> LiveAthenaUser {
        let decoder = JSONDecoder()
        let record =
            (try? decoder.decode([AthenaUserRecord].self, from: answer.body))?.first
            ?? (try? decoder.decode(AthenaUserRecord.self, from: answer.body))
        guard let live = try? record?.live() else {
            throw AthenaError.malformed(answer, "user \(userID) in practice \(practiceID)")
        }
        return live
    }

    /// Every record of a paged list, proven complete. The first page asks for a large
    /// page; the server's `totalcount` and the size it granted then give every other
    /// offset, and those pages are fetched at once. The read must add up: as many
    /// records as `totalcount`, every id once, a `next` link on every page but the
    /// last. A list that does not is read again, once (it may have changed while it
    /// was read); if it still does not, nothing is planned from it.
    func list<Record: AthenaListed>(
        _ type: Record.Type, _ path: String, query: [(String, String)] = [], endpoint: String, subject: String,
        progress: ProgressSink?
    ) async throws -> [Record] {
        do {
            return try await listOnce(
                type, path, query: query, endpoint: endpoint, subject: subject, progress: progress)
        } catch let first as AthenaError where first.code == .changedDuringRead {
            do {
                return try await listOnce(
                    type, path, query: query, endpoint: endpoint, subject: subject, progress: progress)
            } catch let second as AthenaError where second.code == .changedDuringRead {
                throw AthenaError(
                    .inconsistentList,
                    "athenaOne's answers for \(subject) do not add up, on two reads: \(second.message); "
                        + "nothing is planned from an incomplete list")
            }
        }
    }

    private func listOnce<Record: AthenaListed>(
        _ type: Record.Type, _ path: String, query: [(String, String)], endpoint: String, subject: String,
        progress: ProgressSink?
    ) async throws -> [Record] {
        let first = try await page(
            type, path, query: query, limit: AthenaAPI.requestedPageSize, offset: 0, endpoint: endpoint,
            subject: subject)
        let total = first.totalcount
        progress?(ReadProgress(subject: subject, read: first.records.count, total: total))
        guard first.records.count < total else {
            guard first.next == nil else {
                throw AthenaError(
                    .changedDuringRead,
                    "\(subject): totalcount is \(total), the first page holds \(first.records.count), "
                        + "yet it links a next page")
            }
            return try Self.unique(first.records, subject)
        }
        let granted = first.records.count
        guard granted > 0, first.next != nil else {
            throw AthenaError(
                .malformedAnswer,
                "\(subject): athenaOne counts \(total) records but sent \(granted) and no link to the next page")
        }
        let tally = ProgressTally(subject: subject, read: granted, total: total, sink: progress)
        let pages = try await withThrowingTaskGroup(of: (Int, AthenaListPage<Record>).self) { group in
            for offset in stride(from: granted, to: total, by: granted) {
                group.addTask {
                    let page = try await page(
                        type, path, query: query, limit: granted, offset: offset, endpoint: endpoint,
                        subject: subject)
                    await tally.add(page.records.count)
                    return (offset, page)
                }
            }
            var pages: [Int: AthenaListPage<Record>] = [0: first]
            for try await (offset, page) in group { pages[offset] = page }
            return pages
        }
        let records = pages.keys.sorted().flatMap { pages[$0]?.records ?? [] }
        guard pages.values.allSatisfy({ $0.totalcount == total }), records.count == total else {
            throw AthenaError(
                .changedDuringRead, "\(subject) changed while it was read (\(records.count) records, \(total) counted)")
        }
        if let last = pages.keys.max(), pages[last]?.next != nil {
            throw AthenaError(
                .changedDuringRead, "\(subject): the page at offset \(last) should be the last, yet it links another")
        }
        return try Self.unique(records, subject)
    }

    /// The records, when no id appears twice.
    static func unique<Record: AthenaListed>(_ records: [Record], _ subject: String) throws -> [Record] {
        var seen: Set<Int> = []
        for record in records {
            guard let id = record.listedID else { continue }
            guard seen.insert(id).inserted else {
                throw AthenaError(.changedDuringRead, "\(subject): record \(id) appears more than once")
            }
        }
        return records
    }

    func page<Record: AthenaListed>(
        _ type: Record.Type, _ path: String, query: [(String, String)], limit: Int, offset: Int, endpoint: String,
        subject: String
    ) async throws -> AthenaListPage<Record> {
        let answer = try await idempotent(
            .GET, path, query: query + [("limit", String(limit)), ("offset", String(offset))], endpoint: endpoint)
        try Self.expectOK(answer, "reading \(subject)")
        do {
            return try AthenaListPage<Record>.decode(answer.body)
        } catch {
            throw AthenaError.malformed(answer, "\(subject) at offset \(offset)")
        }
    }

    /// Turns a non-200 answer into the error a clinic admin can act on.
    static func expectOK(_ answer: HTTPAnswer, _ what: String) throws {
        switch answer.status {
        case 200...299: return
        case 403:
            throw AthenaError.answered(
                answer, .missingScope,
                "athenaOne refused \(what): the API client lacks the scope for it "
                    + "(users need \(AthenaAPI.userManagementScope); providers and departments need "
                    + "\(AthenaAPI.practiceManagementScope))")
        case 404: throw AthenaError.answered(answer, .notFound, "athenaOne found nothing for \(what)")
        default: throw AthenaError.answered(answer, .rejected, "athenaOne refused \(what)")
        }
    }
}

/// Records read so far of one list, reported as pages arrive in any order.
actor ProgressTally {
    private let subject: String
    private let total: Int
    private let sink: ProgressSink?
    private var read: Int

    init(subject: String, read: Int, total: Int, sink: ProgressSink?) {
        self.subject = subject
        self.read = read
        self.total = total
        self.sink = sink
    }

    func add(_ count: Int) {
        read += count
        sink?(ReadProgress(subject: subject, read: read, total: total))
    }
}
