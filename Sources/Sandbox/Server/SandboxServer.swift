import Foundation
import Hummingbird
import Logging
import NIOCore
import RollcallCore
import ServiceLifecycle

/// Where a running sandbox answers, and the credentials that work against it.
package struct SandboxEndpoints: Sendable {
    /// `http://127.0.0.1:PORT`; athena paths (`/oauth2/v1/token`, `/v1/{practiceid}/...`) go under it.
    package var athenaBaseURL: String
    /// `http://127.0.0.1:PORT/graphql`.
    package var healthieURL: String
    package var athenaClient: AthenaClient?
    package var healthieAPIKey: String?
    package var healthieOrganizationID: String
}

/// Both simulators, served over loopback on ports the system picks, with their
/// shared store, fault injectors and clock.
package struct SandboxServer: Sendable {
    package let store: SandboxStore
    package let athenaFaults: FaultInjector
    package let healthieFaults: FaultInjector
    let athena: AthenaSimulator
    let healthie: HealthieSimulator

    package init(
        store: SandboxStore, athena: AthenaOptions = AthenaOptions(), healthie: HealthieOptions = HealthieOptions(),
        faults: SandboxFaults = .none, clock: any SandboxClock = SystemSandboxClock()
    ) throws {
        self.store = store
        athenaFaults = FaultInjector(faults, clock: clock)
        var healthieFaultSettings = faults
        healthieFaultSettings.seed = faults.seed &+ 1
        healthieFaults = FaultInjector(healthieFaultSettings, clock: clock)
        self.athena = AthenaSimulator(store: store, options: athena, clock: clock)
        self.healthie = try HealthieSimulator(store: store, options: healthie)
    }

    /// Serves both simulators while `body` runs, and always shuts them down after.
    package func run<Value: Sendable>(
        athenaPort: Int = 0, healthiePort: Int = 0,
        _ body: @escaping @Sendable (SandboxEndpoints) async throws -> Value
    ) async throws -> Value? {
        let ports = PortCollector()
        let logger = Logger(label: "rollcall.sandbox") { _ in SwiftLogNoOpLogHandler() }
        func application(_ router: Router<BasicRequestContext>, _ name: String, port: Int) -> some Service {
            Application(
                router: router,
                server: .http1(configuration: .init(additionalChannelHandlers: [DropMarkedResponses()])),
                configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
                onServerRunning: { channel in await ports.record(name, channel.localAddress?.port) },
                logger: logger)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    application(athena.router(faults: athenaFaults), "athena", port: athenaPort),
                    application(healthie.router(faults: healthieFaults), "healthie", port: healthiePort),
                ],
                logger: logger))
        return try await withThrowingTaskGroup(of: Outcome<Value>.self) { tasks in
            tasks.addTask {
                try await group.run()
                await ports.serverStopped()
                return .serverStopped
            }
            guard let (athenaPort, healthiePort) = await ports.both() else {
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                throw SandboxServerError(message: "the sandbox could not listen on a loopback port")
            }
            let state = await store.state
            let endpoints = SandboxEndpoints(
                athenaBaseURL: "http://127.0.0.1:\(athenaPort)",
                healthieURL: "http://127.0.0.1:\(healthiePort)/graphql",
                athenaClient: state.athena.clients.first,
                healthieAPIKey: state.healthie.apiKeys.first { $0.admin }?.key,
                healthieOrganizationID: state.healthie.organizationID)
            tasks.addTask { .finished(try await body(endpoints)) }
            do {
                while let outcome = try await tasks.next() {
                    switch outcome {
                    case .finished(let value):
                        await group.triggerGracefulShutdown()
                        try await tasks.waitForAll()
                        return value
                    case .serverStopped:
                        tasks.cancelAll()
                        return nil
                    }
                }
                return nil
            } catch {
                // Shut down as gracefully as after a body that returned: cancelling the server
                // mid-shutdown can drop a connection's response writer unfinished, which NIO traps on.
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    private enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        case serverStopped
    }
}

package struct SandboxServerError: CodedError, CustomStringConvertible {
    package var message: String
    package var description: String { message }
    package var errorCode: String { "sandbox" }
    package var errorMessage: String { message }
}

/// Collects the ports both servers bound, for whoever waits on them.
private actor PortCollector {
    private var ports: [String: Int] = [:]
    private var stopped = false
    private var waiters: [CheckedContinuation<(Int, Int)?, Never>] = []

    func record(_ name: String, _ port: Int?) {
        ports[name] = port
        resume()
    }

    func serverStopped() {
        stopped = true
        resume()
    }

    func both() async -> (Int, Int)? {
        if let ready = ready() { return ready }
        if stopped { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func ready() -> (Int, Int)? {
        guard let athena = ports["athena"], let healthie = ports["healthie"] else { return nil }
        return (athena, healthie)
    }

    private func resume() {
        let value: (Int, Int)?
        if let ports = ready() {
            value = ports
        } else if stopped {
            value = nil
        } else {
            return
        }
        for waiter in waiters { waiter.resume(returning: value) }
        waiters.removeAll()
    }
}
