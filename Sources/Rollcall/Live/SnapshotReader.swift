import AthenaOne
import Healthie
import RollcallCore
import RollcallHTTP

/// A read of every system a config manages.
package struct Snapshot: Sendable {
    package var state: LiveState
    package var summary: ReadSummary
    /// Practices (or Healthie) that could not be read, each with why. A plan is never made from a
    /// partial read: the caller refuses, unless the user narrowed the run to what did read.
    package var failures: [String]
    /// Warnings the systems sent (a Healthie version nearing sunset, say).
    package var warnings: [String]

    package var isComplete: Bool { failures.isEmpty }
    /// Whether the Healthie read is among the failures.
    package var healthieFailed = false

    /// Throws, naming what could not be read, unless every system read: `refusal` says what
    /// is not done ("no plan is made"), `command` what to narrow with `--practice`.
    package func requireComplete(_ refusal: String, command: String) throws {
        guard !isComplete else { return }
        // --practice narrows athenaOne only; Healthie is read whenever the config manages it.
        let advice =
            healthieFailed
            ? "Fix Healthie's access first (its API key, systems.healthie.base_url and organization_id): "
                + "--practice narrows athenaOne only, and Healthie is read whenever the config manages it."
            : "Fix the access named above, or \(command) only the practices that read with --practice KEY."
        throw RollcallError(
            .incompleteRead,
            "\(refusal) from a partial read; these could not be read:\n  " + failures.joined(separator: "\n  ")
                + "\n" + advice)
    }
}

package enum SnapshotReader {
    /// Reads every practice of `config` and its Healthie organization at once.
    /// `practices` narrows athenaOne to those practice keys; nil reads them all.
    package static func read(
        config: Config, systems: LiveSystems, practices: [String]? = nil, progress: ProgressSink? = nil
    ) async -> Snapshot {
        let start = ContinuousClock.now
        let wanted = (config.athena?.practices ?? []).filter { practices?.contains($0.key) ?? true }
        let staffEmails = config.staff.compactMap(\.email)
        async let athenaReads = readAthena(systems.athena, wanted.map(\.practiceID), progress: progress)
        async let healthieRead = readHealthie(
            systems.healthie, staffEmails: staffEmails, organizationID: config.healthie?.organizationID,
            progress: progress, keySource: systems.healthieKeySource)
        let reads = await athenaReads
        let healthie = await healthieRead

        var state = LiveState()
        var failures: [String] = []
        var healthieFailed = false
        for (practice, read) in zip(wanted, reads) {
            switch read.result {
            case .success(let live): state.athena.append(live)
            case .failure(let error):
                failures.append("athenaOne practice \(practice.key) (\(practice.practiceID)): \(error)")
            }
        }
        switch healthie {
        case nil: break
        case .success(let live)?: state.healthie = live
        case .failure(let error)?:
            failures.append("Healthie: \(error)")
            healthieFailed = true
        }

        var summary = ReadSummary(state: state)
        for ledger in [systems.athena?.ledger, systems.healthie?.ledger].compactMap({ $0 }) {
            let counts = await ledger.counts
            summary.requests += counts.totalRequests
            summary.retries += counts.retries
            summary.throttled += counts.throttled
        }
        let elapsed = ContinuousClock.now - start
        summary.seconds = elapsed.inSeconds
        let warnings = await systems.healthie?.warnings.map(\.description) ?? []
        var snapshot = Snapshot(state: state, summary: summary, failures: failures, warnings: warnings)
        snapshot.healthieFailed = healthieFailed
        return snapshot
    }

    private static func readAthena(
        _ athena: AthenaConnector?, _ practiceIDs: [Int], progress: ProgressSink?
    ) async -> [AthenaPracticeRead] {
        guard let athena, !practiceIDs.isEmpty else { return [] }
        return await athena.readPractices(practiceIDs, progress: progress)
    }

    /// The organization, read only when the API key belongs to the one the config names
    /// (when both say): one clinic's staff are never planned against another's.
    private static func readHealthie(
        _ healthie: HealthieConnector?, staffEmails: [String], organizationID: String?, progress: ProgressSink?,
        keySource: String
    ) async -> Result<LiveHealthie, any Error>? {
        guard let healthie else { return nil }
        do {
            async let keyOrganization = organizationID == nil ? nil : healthie.keyOrganizationID()
            let live = try await healthie.readOrganization(staffEmails: staffEmails, progress: progress)
            if let organizationID, let actual = try await keyOrganization, actual != organizationID {
                throw RollcallError(
                    .incompleteRead,
                    "the API key belongs to organization \(actual), but the config names organization_id "
                        + "\(organizationID); check \(keySource) and systems.healthie.organization_id")
            }
            return .success(live)
        } catch {
            return .failure(error)
        }
    }
}
