import Testing

@testable import Sandbox

@Suite struct SimulatorExecutorTests {
    /// What GraphQLSwift does for every field: child tasks in a group. All of them run on the
    /// simulator's own queue, none on Swift's shared pool.
    @Test func childTasksRunOnTheSimulatorsQueue() async {
        let executor = SimulatorExecutor(label: "test.simulator")
        #expect(!executor.isCurrent)
        let onQueue = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 { group.addTask { executor.isCurrent } }
                return await group.reduce(into: [executor.isCurrent]) { $0.append($1) }
            }
        }
        #expect(onQueue.count == 51)
        #expect(onQueue.allSatisfy { $0 })
        #expect(!executor.isCurrent)
    }
}
