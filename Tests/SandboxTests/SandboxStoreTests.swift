import RollcallTestSupport
import Sandbox
import Testing

@Suite struct SandboxStoreTests {
    @Test func aDerivedValueIsComputedOncePerChangeOfTheState() async throws {
        let store = SandboxStore(state: SyntheticSandbox.state(usersPerPractice: 0, members: 2))
        let memberCount: @Sendable (SandboxState) -> Int = { $0.healthie.members.count }
        #expect(await store.derived("count", memberCount) == 3)

        _ = try await store.update { $0.healthie.members.removeLast() }
        #expect(await store.derived("count", memberCount) == 2)

        // A value cached before a change that changed nothing is still served.
        try await store.update { _ in }
        #expect(await store.derived("count") { _ in -1 } == 2)
        // After a real change the stale value is recomputed.
        _ = try await store.update { $0.healthie.members.removeLast() }
        #expect(await store.derived("count") { _ in -1 } == -1)
    }
}
