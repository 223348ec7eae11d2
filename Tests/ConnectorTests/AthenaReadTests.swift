import AthenaOne
import Foundation
import RollcallCore
import RollcallTestSupport
import Sandbox
import Testing

@Suite struct AthenaReadTests {
    static let practiceID = SyntheticSandbox.firstPracticeID

    /// The live records a read must give back, built from the simulator's own state.
    static func expected(_ practice: AthenaPractice, id: Int) -> LiveAthenaPractice {
        LiveAthenaPractice(
            practiceID: id,
            users: practice.users.map {
                LiveAthenaUser(
                    userID: $0.userid, username: $0.username, firstName: $0.firstname, lastName: $0.lastname,
                    userType: $0.usertype, active: $0.active, email: $0.email, npi: $0.npi,
                    departmentIDs: $0.departmentids, providerID: $0.providerid,
                    supervisingProviderID: $0.supervisingproviderid, schedulingName: $0.schedulingname)
            }.sorted { $0.userID < $1.userID },
            providers: practice.providers.map {
                LiveAthenaProvider(
                    providerID: $0.providerid, firstName: $0.firstname, lastName: $0.lastname, npi: $0.npi,
                    userID: $0.userid, active: $0.active)
            }.sorted { $0.providerID < $1.providerID },
            departments: practice.departments.map { LiveDepartment(departmentID: $0.departmentid, name: $0.name) }
                .sorted { $0.departmentID < $1.departmentID })
    }

    @Test func aReadGetsEveryRecordIncludingHiddenDepartmentsWithTheFewestRequests() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 250)
        try await LiveSandbox.with(state) { sandbox in
            let athena = sandbox.athena()
            let practice = try await athena.readPractice(Self.practiceID)
            let seeded = try #require(state.athena.practices[String(Self.practiceID)])
            #expect(practice == Self.expected(seeded, id: Self.practiceID))
            #expect(practice.departments.contains { $0.name == "Closed Annex" })

            // 250 users at the server's 100 a page is 3 pages; providers and departments one each; one token.
            let log = await sandbox.log(.athena)
            #expect(log.filter { $0.path == "/oauth2/v1/token" }.count == 1)
            #expect(log.filter { $0.path.hasSuffix("/users") }.count == 3)
            #expect(log.filter { $0.path.hasSuffix("/providers") }.count == 1)
            #expect(log.filter { $0.path.hasSuffix("/departments") }.count == 1)
            #expect(log.count == 6)
            #expect(
                log.filter { $0.path.hasSuffix("/departments") }.allSatisfy {
                    $0.query.contains("showalldepartments=1")
                })
            let requestIDs = log.compactMap(\.requestID)
            #expect(requestIDs.count == log.count)
            #expect(Set(requestIDs).count == log.count)
            let counts = await athena.ledger.counts
            #expect(counts.totalRequests == 6)
            #expect(counts.retries == 0)
        }
    }

    /// The issue's check: 10% 429s and 2% 5xx during a 5,000-user read give exactly the clean read's snapshot.
    @Test func faultsDuringALargeReadGiveTheSameSnapshotAsACleanRead() async throws {
        let state = SyntheticSandbox.state(practices: 2, usersPerPractice: 5_000)
        let ids = [Self.practiceID, Self.practiceID + 1]
        let clean = try await LiveSandbox.with(state) { sandbox in
            try await sandbox.athena().readPractices(ids).map { try $0.result.get() }
        }
        let faults = SandboxFaults(seed: 42, throttleRate: 0.10, serverErrorRate: 0.02)
        let (faulty, counts, injected) = try await LiveSandbox.with(state, faults: faults) { sandbox in
            let athena = sandbox.athena()
            let reads = try await athena.readPractices(ids).map { try $0.result.get() }
            return (reads, await athena.ledger.counts, await sandbox.server.athenaFaults.injected)
        }
        #expect(faulty == clean)
        #expect(clean.map(\.users.count) == [5_000, 5_000])
        #expect((injected[.rateLimited] ?? 0) > 0)
        #expect((injected[.serverError] ?? 0) > 0)
        #expect(counts.retries == (injected[.rateLimited] ?? 0) + (injected[.serverError] ?? 0))
        #expect(counts.throttled == injected[.rateLimited] ?? 0)
    }

    /// Request count for a read is the minimum: every page at the server's page size, and one token.
    @Test func theRequestCountIsTheMinimumWhateverPageSizeTheServerGrants() async throws {
        let state = SyntheticSandbox.state(practices: 3, usersPerPractice: 1_234)
        for maxPageSize in [37, 100, 5_000] {
            try await LiveSandbox.with(state, athena: AthenaOptions(maxPageSize: maxPageSize)) { sandbox in
                let athena = sandbox.athena()
                let ids = (0..<3).map { Self.practiceID + $0 }
                let reads = try await athena.readPractices(ids).map { try $0.result.get() }
                #expect(reads.map(\.users.count) == [1_234, 1_234, 1_234])
                let pages = { (count: Int) in (count + maxPageSize - 1) / maxPageSize }
                let providers = state.athena.practices.values.first?.providers.count ?? 0
                let minimum = 3 * (pages(1_234) + pages(providers) + pages(4)) + 1
                #expect(await sandbox.log(.athena).count == minimum, "page size \(maxPageSize)")
                #expect(await athena.ledger.counts.totalRequests == minimum)
            }
        }
    }

    /// A token that dies mid-read is replaced once after its 401, and the read completes.
    /// The sandbox's clock moves 5 s each time it is read, so each 30 s token dies after
    /// five requests whatever the machine's load: the count below does not depend on timing.
    @Test func aTokenShorterThanTheReadStillCompletes() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 1_500)
        let options = AthenaOptions(tokenLifetime: 30, maxPageSize: 100)
        try await LiveSandbox.with(state, athena: options, clock: SteppingSandboxClock(step: 5)) { sandbox in
            let athena = sandbox.athena(concurrency: 1, maxConcurrency: 1)
            let practice = try await athena.readPractice(Self.practiceID)
            #expect(practice.users.count == 1_500)
            let log = await sandbox.log(.athena)
            let tokens = log.filter { $0.path == "/oauth2/v1/token" }
            let refused = log.filter { $0.status == 401 }
            // 18 pages (15 of users, 2 of providers, 1 of departments) at five requests a token:
            // four tokens, and each of the three that died was refused once and replaced.
            #expect(log.count(where: { $0.path != "/oauth2/v1/token" && $0.status == 200 }) == 18)
            #expect(tokens.count == 4)
            #expect(refused.count == 3)
            #expect(tokens.allSatisfy { $0.status == 200 })
        }
    }

    /// A token is replaced before it expires, not after a 401: with a tenth of its life
    /// left, the next request gets a new one first. Only a lower bound on time is used.
    @Test func aTokenNearItsEndIsReplacedBeforeItIsRefused() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 5)
        try await LiveSandbox.with(state, athena: AthenaOptions(tokenLifetime: 4)) { sandbox in
            let athena = sandbox.athena()
            _ = try await athena.readPractice(Self.practiceID)
            try await Task.sleep(for: .milliseconds(3_700))
            _ = try await athena.readPractice(Self.practiceID)
            let log = await sandbox.log(.athena)
            #expect(log.count { $0.path == "/oauth2/v1/token" } == 2)
            #expect(log.allSatisfy { $0.status == 200 }, "no request was refused with a 401")
        }
    }

    @Test func concurrentReadsShareOneTokenRequest() async throws {
        let state = SyntheticSandbox.state(practices: 6, usersPerPractice: 30)
        try await LiveSandbox.with(state) { sandbox in
            let athena = sandbox.athena(concurrency: 8)
            let reads = await athena.readPractices((0..<6).map { Self.practiceID + $0 })
            #expect(reads.allSatisfy { (try? $0.result.get()) != nil })
            #expect(await sandbox.log(.athena).filter { $0.path == "/oauth2/v1/token" }.count == 1)
        }
    }

    @Test func aPracticeThatFailsIsReportedAndTheOthersStillRead() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 5)
        try await LiveSandbox.with(state) { sandbox in
            let reads = await sandbox.athena().readPractices([Self.practiceID, 424_242])
            #expect(reads.map(\.practiceID) == [Self.practiceID, 424_242])
            #expect((try? reads[0].result.get())?.users.count == 5)
            guard case .failure(let error) = reads[1].result else {
                Issue.record("practice 424242 does not exist and must fail")
                return
            }
            #expect(error.code == .notFound)
            #expect(error.description.contains("424242"))
            #expect(error.requestID != nil)
        }
    }

    @Test func aClientWithoutAScopeIsToldWhichScopeItNeeds() async throws {
        var state = SyntheticSandbox.state(usersPerPractice: 5)
        state.athena.clients.append(
            AthenaClient(id: "users-only", secret: "s2", scopes: [AthenaState.userManagementScope]))
        try await LiveSandbox.with(state) { sandbox in
            let reads = await sandbox.athena(clientID: "users-only", secret: "s2").readPractices([Self.practiceID])
            guard case .failure(let error) = reads.first?.result else {
                Issue.record("a client without PracticeManagement cannot read departments")
                return
            }
            #expect(error.code == .missingScope)
            #expect(error.description.contains("Athenanet.MDP.PracticeManagement"))
        }
    }

    @Test func wrongCredentialsSayWhichVariablesToCheckAndNeverShowTheSecret() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 1)) { sandbox in
            let reads = await sandbox.athena(secret: "not-the-secret").readPractices([Self.practiceID])
            guard case .failure(let error) = reads.first?.result else {
                Issue.record("a wrong secret must fail")
                return
            }
            #expect(error.code == .badCredentials)
            #expect(error.description.contains("ATHENA_CLIENT_SECRET"))
            #expect(!error.description.contains("not-the-secret"))
        }
    }

    @Test func aSystemThatKeepsFailingEndsTheReadWithAClearError() async throws {
        let faults = SandboxFaults(serverErrorRate: 1.0)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 1), faults: faults) { sandbox in
            let retry = quickRetries
            let reads = await sandbox.athena(retry: retry).readPractices([Self.practiceID])
            guard case .failure(let error) = reads.first?.result else {
                Issue.record("every answer is a 503: the read must fail")
                return
            }
            #expect(error.code == .unavailable)
            #expect(error.description.contains("gave up after \(retry.maxAttempts) tries"))
        }
    }
}

/// A server that lies about its lists gets no plan: a read proves itself complete first.
@Suite struct LyingListTests {
    @Test(arguments: ListLie.allCases)
    func aListThatDoesNotAddUpIsRefusedNamingThePracticeAfterOneMoreRead(lie: ListLie) async throws {
        let options = AthenaOptions(maxPageSize: 10, listLie: lie)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 35), athena: options) { sandbox in
            let practiceID = SyntheticSandbox.firstPracticeID
            let error = await #expect(throws: AthenaError.self) {
                try await sandbox.athena().readPractice(practiceID)
            }
            #expect(error?.code == .inconsistentList)
            #expect(error?.description.contains("athena \(practiceID) users") == true, "\(String(describing: error))")
            #expect(error?.description.contains("on two reads") == true)
            let firstPages = await sandbox.log(.athena).filter {
                $0.path.hasSuffix("/users") && $0.query.contains("offset=0")
            }
            #expect(firstPages.count == 2, "read again once before giving up")
        }
    }

    @Test func anHonestListOfTheSameSizeReads() async throws {
        try await LiveSandbox.with(
            SyntheticSandbox.state(usersPerPractice: 35), athena: AthenaOptions(maxPageSize: 10)
        ) { sandbox in
            let practice = try await sandbox.athena().readPractice(SyntheticSandbox.firstPracticeID)
            #expect(practice.users.count == 35)
        }
    }
}
