import AthenaOne
import Foundation
import Healthie
import RollcallCore
import RollcallHTTP

/// Makes the pending changes: creates, then updates and reactivations, then
/// deactivations. Within a phase each athenaOne practice and Healthie run at
/// once, a few writes at a time per system under the connectors' own adaptive
/// concurrency. Every write has its audit line and its journal intent on disk
/// before it is sent (no audit line, no write), and its outcome after; an
/// independent change goes on after a failure unless `--fail-fast`.
struct ApplyExecutor: Sendable {
    let systems: LiveSystems
    let audit: AuditLog
    let journal: ApplyJournal
    let identity: RunIdentity
    let planChecksum: String?
    let control: ApplyControl
    let failFast: Bool
    let observer: @Sendable (ApplyReport.ChangeResult) -> Void
    /// Writes in flight per system.
    static let width = 4

    func apply(_ pending: [PendingChange]) async -> [ApplyReport.ChangeResult] {
        var results: [ApplyReport.ChangeResult] = []
        let order = Dictionary(pending.enumerated().map { ($1.change.id, $0) }, uniquingKeysWith: { first, _ in first })
        for phase in Set(pending.map(\.change.action.phase)).sorted() {
            let inPhase = pending.filter { $0.change.action.phase == phase }
            let lanes = Dictionary(grouping: inPhase) { $0.change.practice ?? "" }
            let laneResults = await withTaskGroup(of: [ApplyReport.ChangeResult].self) { group in
                for lane in lanes.keys.sorted() {
                    let changes = lanes[lane] ?? []
                    group.addTask { await run(lane: changes) }
                }
                var all: [ApplyReport.ChangeResult] = []
                for await lane in group { all += lane }
                return all
            }
            results += laneResults.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
        }
        return results
    }

    private func run(lane: [PendingChange]) async -> [ApplyReport.ChangeResult] {
        await withTaskGroup(of: ApplyReport.ChangeResult.self) { group in
            var results: [ApplyReport.ChangeResult] = []
            var next = lane.makeIterator()
            for _ in 0..<Self.width {
                guard let item = next.next() else { break }
                group.addTask { await one(item) }
            }
            for await result in group {
                results.append(result)
                if let item = next.next() { group.addTask { await one(item) } }
            }
            return results
        }
    }

    /// One change: audit line, journal intent, the write, its audit line and its journal outcome.
    private func one(_ pending: PendingChange) async -> ApplyReport.ChangeResult {
        let change = pending.change
        if let reason = control.stopReason {
            return finish(.init(change: change, outcome: .skipped, detail: "not started: \(reason)"))
        }
        do {
            try audit.append(identity.entry(change, planChecksum: planChecksum, outcome: .started))
            try journal.intent(change, runID: identity.runID)
        } catch {
            control.stop("the audit log or journal could not be written (\(error))")
            return finish(.init(change: change, outcome: .failed, detail: "not sent: \(error)"))
        }
        let (result, requestIDs) = await RequestIDLog.collecting { try await write(pending) }
        var outcome: ApplyReport.ChangeResult
        switch result {
        case .success:
            outcome = .init(change: change, outcome: .applied, requestIDs: requestIDs, verified: true)
        case .failure(let failure as PreconditionFailed):
            outcome = .init(change: change, outcome: .stale, detail: failure.description, requestIDs: requestIDs)
        case .failure(let failure):
            outcome = .init(change: change, outcome: .failed, detail: "\(failure)", requestIDs: requestIDs)
            if failFast { control.stop("--fail-fast after \(change.address) failed") }
        }
        // The audit line first: a crash between the two leaves the intent open, and the next run
        // settles it from the live record without writing the audit line again.
        do {
            try audit.append(
                identity.entry(
                    change, planChecksum: planChecksum, outcome: outcome.outcome == .applied ? .applied : .failed,
                    verified: outcome.verified, requestIDs: requestIDs, error: outcome.detail))
            try journal.outcome(change, runID: identity.runID, outcome.outcome.rawValue)
        } catch {
            control.stop("the audit log or journal could not be written (\(error))")
        }
        return finish(outcome)
    }

    private func finish(_ result: ApplyReport.ChangeResult) -> ApplyReport.ChangeResult {
        observer(result)
        return result
    }

    /// The one connector call the change's operation names; updates carry their precondition.
    private func write(_ pending: PendingChange) async throws {
        let change = pending.change
        switch change.operation {
        case .athenaCreate(let practiceID, let draft):
            let athena = try connector(systems.athena, "athenaOne")
            if pending.resumes, let existing = try await athena.user(username: draft.username, practiceID: practiceID) {
                guard Reconciliation.holds(existing, draft) else {
                    throw PreconditionFailed(
                        record: "user '\(draft.username)' in practice \(practiceID)",
                        changedFields: ["an account with this username exists now"])
                }
                return
            }
            _ = try await athena.createUser(draft, practiceID: practiceID)
        case .athenaUpdate(let practiceID, let userID, let patch):
            _ = try await connector(systems.athena, "athenaOne").updateUser(
                userID, practiceID: practiceID, patch: patch, precondition: change.precondition.athenaCheck)
        case .healthieCreate(let draft, let settings):
            guard let organizationID = systems.healthieOrganizationID else {
                throw RollcallError(
                    .write,
                    "the Healthie organization to add \(draft.email) to is unknown; set systems.healthie.organization_id"
                )
            }
            _ = try await connector(systems.healthie, "Healthie").createMembership(
                draft, settings: settings, organizationID: organizationID, sendInviteEmail: systems.sendInviteEmail,
                lookUpFirst: pending.resumes)
        case .healthieUpdate(let membershipID, let patch):
            _ = try await connector(systems.healthie, "Healthie").updateMembership(
                membershipID, patch: patch, email: change.address.key, precondition: change.precondition.healthieCheck)
        }
    }

    private func connector<Connector>(_ connector: Connector?, _ system: String) throws -> Connector {
        guard let connector else {
            throw RollcallError(.write, "the config does not manage \(system), so nothing is written there")
        }
        return connector
    }
}

extension RecordPrecondition {
    var athenaCheck: RecordCheck<LiveAthenaUser>? {
        if case .matches(let digest) = self { return .digest(digest) }
        return nil
    }

    var healthieCheck: RecordCheck<LiveHealthieMember>? {
        if case .matches(let digest) = self { return .digest(digest) }
        return nil
    }
}
