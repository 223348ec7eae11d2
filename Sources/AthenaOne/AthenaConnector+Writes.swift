import Foundation
import RollcallCore
import RollcallHTTP

extension AthenaConnector {
    /// Creates a login account and returns it as athenaOne then holds it.
    ///
    /// Lost-answer safe: a POST is not idempotent, so when one fails without a
    /// clear refusal (a dropped connection, a timeout, a 5xx, a 429) the username
    /// is looked up before anything is sent again. If the account is there, the
    /// lost POST made it, and it is not made twice.
    package func createUser(_ draft: AthenaUserDraft, practiceID: Int) async throws -> LiveAthenaUser {
        let endpoint = AthenaAPI.Endpoint.createUser
        let url = url(AthenaAPI.users(practiceID), query: [])
        let body = Data(AthenaFormEncoding.encode(Self.form(draft)).utf8)
        let what = "creating user '\(draft.username)' in practice \(practiceID)"
        let userID: Int
        do {
            userID = try await sender.run(endpoint: endpoint) { retry in
                if retry > 0 {
                    switch try await lookUp(username: draft.username, practiceID: practiceID) {
                    case .done(let existing?): return .done(existing.userID)
                    case .done(nil): break
                    case let other: return other.map { _ in 0 }
                    }
                }
                let answer: HTTPAnswer
                do {
                    answer = try await authorized(endpoint: endpoint) { token in
                        HTTPRequestSpec(
                            method: .POST, url: url,
                            headers: [
                                ("Authorization", "Bearer \(token)"), ("Content-Type", AthenaFormEncoding.contentType),
                            ], body: body)
                    }
                } catch let lost as NoAnswer {
                    return lost.attempt()
                }
                let outcome = Self.classify(answer)
                guard case .done(let answer) = outcome else { return outcome.map { _ in 0 } }
                try Self.expectOK(answer, what)
                guard let created = try? JSONDecoder().decode(Created.self, from: answer.body),
                    let id = created.userid.value
                else { throw AthenaError.malformed(answer, what) }
                return .done(id)
            }
        } catch let exhausted as RetriesExhausted {
            throw AthenaError.unavailable(exhausted, what)
        }
        guard let created = try await user(userID, practiceID: practiceID) else {
            throw AthenaError(.didNotStick, "athenaOne answered \(what) with user \(userID), which it cannot find")
        }
        var expected = created
        expected.username = draft.username
        expected.firstName = draft.firstName
        expected.lastName = draft.lastName
        expected.userType = draft.userType
        expected.email = draft.email
        expected.npi = draft.npi
        expected.departmentIDs = draft.departmentIDs
        expected.supervisingProviderID = draft.supervisingProviderID
        try Self.verify(expected: expected, actual: created, what)
        return created
    }

    /// Changes the fields `patch` names and keeps every other one, whatever
    /// athenaOne's full PUT would otherwise reset (see `FullPutMerge`).
    /// Returns the record as read back; a patch that changes nothing sends nothing.
    ///
    /// `precondition` is checked on the record read immediately before the PUT;
    /// when it fails, nothing is sent and `PreconditionFailed` names the fields.
    package func updateUser(
        _ userID: Int, practiceID: Int, patch: AthenaUserPatch, precondition: RecordCheck<LiveAthenaUser>? = nil
    ) async throws -> LiveAthenaUser {
        let what = "updating user \(userID) in practice \(practiceID)"
        guard let current = try await user(userID, practiceID: practiceID) else {
            throw AthenaError(.notFound, "athenaOne has no user \(userID) in practice \(practiceID) to update")
        }
        if let changed = precondition?.changedFields(current), !changed.isEmpty {
            throw PreconditionFailed(record: "user \(userID) in practice \(practiceID)", changedFields: changed)
        }
        let desired = patch.applied(to: current)
        guard FullPutMerge.mismatches(expected: desired, actual: current).isEmpty else {
            try await put(desired, userID: userID, practiceID: practiceID, what)
            guard let after = try await user(userID, practiceID: practiceID) else {
                throw AthenaError(.didNotStick, "user \(userID) in practice \(practiceID) is gone after \(what)")
            }
            try Self.verify(expected: desired, actual: after, what)
            return after
        }
        return current
    }

    /// The full PUT of `desired`. A PUT whose answer was lost, or that failed with a 5xx, may
    /// have been applied: before it is sent again the record is read, and when it already
    /// holds `desired` the write is not made twice.
    private func put(_ desired: LiveAthenaUser, userID: Int, practiceID: Int, _ what: String) async throws {
        let endpoint = AthenaAPI.Endpoint.updateUser
        let url = url(AthenaAPI.user(practiceID, userID), query: [])
        let body = Data(AthenaFormEncoding.encode(FullPutMerge.form(desired)).utf8)
        let mayHaveApplied = Flag()
        do {
            try await sender.run(endpoint: endpoint) { _ in
                if mayHaveApplied.isSet {
                    switch try await userOnce(userID, practiceID: practiceID) {
                    case .done(let now?) where FullPutMerge.mismatches(expected: desired, actual: now).isEmpty:
                        return .done(())
                    case .done: break
                    case .throttled(let after, let reason): return .throttled(retryAfter: after, reason: reason)
                    case .transient(let reason): return .transient(reason: reason)
                    case .unreachable(let reason): return .unreachable(reason: reason)
                    }
                }
                let answer: HTTPAnswer
                do {
                    answer = try await authorized(endpoint: endpoint) { token in
                        HTTPRequestSpec(
                            method: .PUT, url: url,
                            headers: [
                                ("Authorization", "Bearer \(token)"), ("Content-Type", AthenaFormEncoding.contentType),
                            ], body: body)
                    }
                } catch let lost as NoAnswer {
                    // A host that cannot be reached got nothing, so nothing may have applied.
                    if !lost.unreachable { mayHaveApplied.set() }
                    return lost.attempt()
                }
                if answer.isServerError { mayHaveApplied.set() }
                let outcome = Self.classify(answer)
                guard case .done(let answer) = outcome else { return outcome.map { _ in () } }
                try Self.expectOK(answer, what)
                return .done(())
            }
        } catch let exhausted as RetriesExhausted {
            throw AthenaError.unavailable(exhausted, what)
        }
    }

    /// One try at reading a user, for the lost-answer rule: the caller's retry loop retries it.
    func userOnce(_ userID: Int, practiceID: Int) async throws -> Attempt<LiveAthenaUser?> {
        let url = url(AthenaAPI.user(practiceID, userID), query: [])
        let answer: HTTPAnswer
        do {
            answer = try await authorized(endpoint: AthenaAPI.Endpoint.getUser) { token in
                HTTPRequestSpec(method: .GET, url: url, headers: [("Authorization", "Bearer \(token)")])
            }
        } catch let lost as NoAnswer {
            return lost.attempt()
        }
        guard case .done(let answer) = Self.classify(answer) else {
            return .transient(reason: "HTTP \(answer.status) reading user \(userID), request id \(answer.requestID)")
        }
        if answer.status == 404 { return .done(nil) }
        try Self.expectOK(answer, "reading user \(userID) in practice \(practiceID)")
        return .done(try Self.decodeUser(answer, userID: userID, practiceID: practiceID))
    }

    /// Deactivates a user (athenaOne has no DELETE), keeping every other field.
    package func deactivateUser(_ userID: Int, practiceID: Int) async throws -> LiveAthenaUser {
        try await updateUser(userID, practiceID: practiceID, patch: AthenaUserPatch(active: false))
    }

    package func reactivateUser(_ userID: Int, practiceID: Int) async throws -> LiveAthenaUser {
        try await updateUser(userID, practiceID: practiceID, patch: AthenaUserPatch(active: true))
    }

    /// The user with `username` in the practice (ignoring case), or nil: how the applier checks
    /// that an account it is about to create does not exist, and finds one a lost answer created.
    package func user(username: String, practiceID: Int) async throws -> LiveAthenaUser? {
        let what = "looking up user '\(username)' in practice \(practiceID)"
        do {
            return try await sender.run(endpoint: AthenaAPI.Endpoint.listUsers) { _ in
                try await lookUp(username: username, practiceID: practiceID)
            }
        } catch let exhausted as RetriesExhausted {
            throw AthenaError.unavailable(exhausted, what)
        }
    }

    /// One try at finding a user by username (`GET /users?username=`), for the lost-answer rule:
    /// the user, nil when there is none, or a passing failure for the caller's retry loop.
    func lookUp(username: String, practiceID: Int) async throws -> Attempt<LiveAthenaUser?> {
        let url = url(AthenaAPI.users(practiceID), query: [("username", username)])
        let answer: HTTPAnswer
        do {
            answer = try await authorized(endpoint: AthenaAPI.Endpoint.listUsers) { token in
                HTTPRequestSpec(method: .GET, url: url, headers: [("Authorization", "Bearer \(token)")])
            }
        } catch let lost as NoAnswer {
            return lost.attempt()
        }
        guard case .done(let answer) = Self.classify(answer) else {
            return .transient(reason: "HTTP \(answer.status) looking up '\(username)', request id \(answer.requestID)")
        }
        try Self.expectOK(answer, "looking up user '\(username)' in practice \(practiceID)")
        guard let page = try? AthenaListPage<AthenaUserRecord>.decode(answer.body) else {
            throw AthenaError.malformed(answer, "a lookup of user '\(username)'")
        }
        let match = page.records.first { $0.username.lowercased() == username.lowercased() }
        guard let match else { return .done(nil) }
        guard let live = try? match.live() else { throw AthenaError.malformed(answer, "user '\(username)'") }
        return .done(live)
    }

    static func verify(expected: LiveAthenaUser, actual: LiveAthenaUser, _ what: String) throws {
        let fields = FullPutMerge.mismatches(expected: expected, actual: actual)
        guard fields.isEmpty else {
            let detail = fields.map { name in
                "\(name) is '\(actual.writableFields[name] ?? "")', not '\(expected.writableFields[name] ?? "")'"
            }
            throw AthenaError(
                .didNotStick,
                "athenaOne accepted \(what), but reading it back shows fields that did not take: "
                    + detail.joined(separator: "; "))
        }
    }

    static func form(_ draft: AthenaUserDraft) -> [(String, String)] {
        var fields = [
            ("username", draft.username), ("firstname", draft.firstName), ("lastname", draft.lastName),
            ("usertype", draft.userType),
        ]
        if let email = draft.email { fields.append(("email", email)) }
        if let npi = draft.npi { fields.append(("npi", npi)) }
        if !draft.departmentIDs.isEmpty {
            fields.append(("departmentids", draft.departmentIDs.map(String.init).joined(separator: ",")))
        }
        if let supervisor = draft.supervisingProviderID {
            fields.append(("supervisingproviderid", String(supervisor)))
        }
        return fields
    }

    private struct Created: Decodable {
        var userid: LenientInt
    }
}
