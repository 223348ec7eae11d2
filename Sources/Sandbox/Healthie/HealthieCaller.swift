import GraphQL
import Synchronization

/// Who is calling and with which API version: the GraphQL context every resolver gets.
final class HealthieCaller: Sendable {
    let store: SandboxStore
    let key: HealthieAPIKey
    let version: HealthieVersion
    /// How the member list lies, when the simulator is told to (see `ListLie`).
    let listLie: ListLie?
    private let wrote = Mutex(false)

    init(store: SandboxStore, key: HealthieAPIKey, version: HealthieVersion, listLie: ListLie? = nil) {
        self.store = store
        self.key = key
        self.version = version
        self.listLie = listLie
    }

    var didWrite: Bool { wrote.withLock { $0 } }

    func markWrite() {
        wrote.withLock { $0 = true }
    }

    /// Throws the error a non-admin key gets for an admin-only field.
    func requireAdmin(_ field: String) throws {
        guard key.admin else { throw HealthieQueries.forbidden(field) }
    }

    static func from(_ context: any Sendable) throws -> HealthieCaller {
        guard let caller = context as? HealthieCaller else { throw GraphQLError(message: "Missing caller context.") }
        return caller
    }
}

/// The `messages` answer of a mutation that failed validation: HTTP 200, data, and field errors.
struct HealthieFieldErrors: Error {
    var messages: [(field: String?, message: String)]

    init(_ field: String?, _ message: String) {
        messages = [(field, message)]
    }

    init(messages: [(field: String?, message: String)]) {
        self.messages = messages
    }

    var objects: [[String: any Sendable]] {
        messages.map { message in
            var object: [String: any Sendable] = ["message": message.message]
            if let field = message.field { object["field"] = field }
            return object
        }
    }
}
