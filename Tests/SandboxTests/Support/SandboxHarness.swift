import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RollcallTestSupport

@testable import Sandbox

/// A small live state for tests: two practices, a hidden department, a provider, staff and clients.
func testState(users: Int = 3) -> SandboxState {
    var main = AthenaPractice(
        departments: [
            AthenaDepartment(departmentid: 1, name: "Main Clinic"),
            AthenaDepartment(departmentid: 2, name: "Pediatrics"),
            AthenaDepartment(departmentid: 9, name: "Old Annex", hidden: true),
        ],
        providers: [
            AthenaProvider(
                providerid: 71, firstname: "Alice", lastname: "Brown", npi: "1234567893", userid: 101, active: true)
        ])
    for index in 0..<users {
        main.users.append(
            AthenaUser(
                userid: 101 + index, username: "user\(index)", firstname: "First\(index)", lastname: "Last\(index)",
                usertype: "STAFF", email: "user\(index)@riverside.example", departmentids: [1]))
    }
    let north = AthenaPractice(
        departments: [AthenaDepartment(departmentid: 5, name: "North Clinic")],
        users: [AthenaUser(userid: 900, username: "north1", firstname: "Nora", lastname: "North", usertype: "STAFF")])
    let healthie = HealthieState(
        organizationID: "4001",
        apiKeys: [
            HealthieAPIKey(key: "admin-key", admin: true, userID: "2001"),
            HealthieAPIKey(key: "plain-key", admin: false, userID: "2002"),
        ],
        members: [
            HealthieMember(
                id: "2001", membershipID: "m2001", email: "it@riverside.example", firstName: "Ida", lastName: "Admin",
                isAdmin: true),
            HealthieMember(
                id: "2002", membershipID: "m2002", email: "jane.doe@riverside.example", firstName: "Jane",
                lastName: "Doe", isProvider: true, permissions: ["can_see_billing": true]),
        ],
        clients: [
            HealthieClient(id: "3001", email: "jane.doe@riverside.example", firstName: "Jane", lastName: "Doe"),
            HealthieClient(id: "3002", email: "pat@example.com", firstName: "Pat", lastName: "Client", active: false),
        ])
    return SandboxState(
        athena: AthenaState(
            clients: [
                AthenaState.defaultClient,
                AthenaClient(id: "users-only", secret: "s2", scopes: [AthenaState.userManagementScope]),
            ],
            practices: ["195900": main, "195901": north]),
        healthie: healthie)
}

/// Runs `body` against both simulators on loopback, with one HTTP client, and shuts everything down after.
func withSandbox<Value: Sendable>(
    state: SandboxState = testState(), athena: AthenaOptions = AthenaOptions(),
    healthie: HealthieOptions = HealthieOptions(), faults: SandboxFaults = .none,
    clock: any SandboxClock = SystemSandboxClock(),
    _ body: @escaping @Sendable (SandboxHarness) async throws -> Value
) async throws -> Value {
    try await SandboxSession.with(state, athena: athena, healthie: healthie, faults: faults, clock: clock, body)
}

/// A plain HTTP answer.
struct Answer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The shared sandbox session, with plain HTTP helpers for each simulator.
typealias SandboxHarness = SandboxSession

extension SandboxSession {
    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
    }

    // MARK: athenaOne

    func tokenAnswer(client id: String = "rollcall-sandbox", secret: String = "sandbox-secret", scope: String? = nil)
        async throws -> Answer
    {
        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        var form = "grant_type=client_credentials"
        if let scope { form += "&scope=" + (scope.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        return try await send(
            .POST, endpoints.athenaBaseURL + "/oauth2/v1/token",
            headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: form)
    }

    func token(client id: String = "rollcall-sandbox", secret: String = "sandbox-secret") async throws -> String {
        let answer = try await tokenAnswer(client: id, secret: secret)
        guard let token = answer.object["access_token"] as? String else {
            throw SandboxServerError(message: "no token: \(answer.status) \(answer.text)")
        }
        return token
    }

    func athena(
        _ method: HTTPMethod, _ path: String, token: String, form: String? = nil,
        contentType: String = "application/x-www-form-urlencoded"
    ) async throws -> Answer {
        var headers = [("Authorization", "Bearer \(token)")]
        if form != nil { headers.append(("Content-Type", contentType)) }
        return try await send(method, endpoints.athenaBaseURL + path, headers: headers, body: form)
    }

    // MARK: Healthie

    func graphql(
        _ query: String, variables: [String: Any] = [:], key: String = "admin-key", version: String? = "2026-07-01",
        authorization: String? = nil
    ) async throws -> Answer {
        var headers = [
            ("Content-Type", "application/json"), ("Authorization", authorization ?? "Basic \(key)"),
            ("AuthorizationSource", "API"),
        ]
        if let version { headers.append(("Healthie-GraphQL-API-Version", version)) }
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        return try await send(
            .POST, endpoints.healthieURL, headers: headers, body: String(decoding: body, as: UTF8.self))
    }
}

extension Answer {
    /// `errors[0].extensions.code` of a GraphQL answer.
    var errorCode: String? {
        ((object["errors"] as? [[String: Any]])?.first?["extensions"] as? [String: Any])?["code"] as? String
    }

    var errorMessage: String? {
        (object["errors"] as? [[String: Any]])?.first?["message"] as? String
    }

    var data: [String: Any] { object["data"] as? [String: Any] ?? [:] }
}
