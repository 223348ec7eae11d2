import Foundation
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

    @Test func everyChangeIsInTheStateFileWhenItsUpdateReturnsThoughSavesAreShared() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        try SyntheticSandbox.state(usersPerPractice: 0, members: 40).encodedJSON().write(to: file)
        let store = try SandboxStore(stateFile: file)
        let count = await store.state.healthie.members.count

        // Many changes at once, as a client's concurrent writes arrive: each one, once its
        // update returns, is found in the file, whichever save carried it.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let name = "Renamed \(index)"
                    try await store.update { $0.healthie.members[index].firstName = name }
                    let saved = try SandboxState.read(stateFile: file)
                    #expect(saved.healthie.members[index].firstName == name)
                }
            }
            try await group.waitForAll()
        }
        let saved = try SandboxState.read(stateFile: file)
        #expect(saved == (await store.state))
        #expect(saved.healthie.members.map(\.firstName) == (0..<count).map { "Renamed \($0)" })
    }
}
