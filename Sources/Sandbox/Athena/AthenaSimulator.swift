import Foundation
import Hummingbird

/// How the athenaOne simulator behaves where the real API is configurable or unknown.
package struct AthenaOptions: Sendable, Hashable {
    /// Token lifetime: an hour, as athena's; short in tests.
    package var tokenLifetime: TimeInterval
    /// New tokens per client per minute: 5, as athena's preview environment allows.
    package var tokenRequestsPerMinute: Int
    /// Page size when `limit` is not given.
    package var defaultPageSize: Int
    /// The largest page answered, whatever `limit` asks for: 100 as the seed says.
    package var maxPageSize: Int
    /// A list that lies, to prove a client checks what it reads; nil answers truthfully.
    package var listLie: ListLie?

    package init(
        tokenLifetime: TimeInterval = 3600, tokenRequestsPerMinute: Int = 5, defaultPageSize: Int = 10,
        maxPageSize: Int = 100, listLie: ListLie? = nil
    ) {
        self.tokenLifetime = tokenLifetime
        self.tokenRequestsPerMinute = tokenRequestsPerMinute
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.listLie = listLie
    }
}

/// Ways a server's paged lists can be wrong, for proving that a read checks itself.
package enum ListLie: String, Sendable, Hashable, CaseIterable {
    /// `totalcount` counts only the first page, while `next` still points on.
    case shortTotal = "short-total"
    /// Every page after the first repeats the first page's records.
    case repeatedPages = "repeated-pages"
}

/// The athenaOne REST simulator: OAuth token endpoint and the practice-scoped
/// users, providers and departments endpoints, with athena's quirks.
struct AthenaSimulator: Sendable {
    let store: SandboxStore
    let options: AthenaOptions
    let clock: any SandboxClock
    let tokens: AthenaTokens

    init(store: SandboxStore, options: AthenaOptions, clock: any SandboxClock) {
        self.store = store
        self.options = options
        self.clock = clock
        tokens = AthenaTokens(
            clock: clock, lifetime: options.tokenLifetime, requestsPerMinute: options.tokenRequestsPerMinute)
    }

    func router(faults: FaultInjector) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(
            middleware: SandboxMiddleware(
                system: .athena, store: store, faults: faults,
                faultResponse: { fault in
                    switch fault {
                    case .rateLimited: AthenaError(.tooManyRequests, "Too Many Requests").response
                    case .serverError: AthenaError(.serviceUnavailable, "Service Unavailable").response
                    }
                },
                exempt: { $0.hasPrefix("/oauth2/") }))
        router.post("/oauth2/v1/token") { request, _ in await token(request) }
        router.get("/v1/:practiceid/users") { request, context in
            await answer(request, context, scope: AthenaState.userManagementScope) { _, practiceID in
                try await listUsers(request, practiceID: practiceID)
            }
        }
        router.get("/v1/:practiceid/users/:userid") { request, context in
            await answer(request, context, scope: AthenaState.userManagementScope) { practice, _ in
                try one(practice.users, id: \.userid, context, "userid", what: "user", as: AthenaUserWire.init)
            }
        }
        router.post("/v1/:practiceid/users") { request, context in
            await answer(request, context, scope: AthenaState.userManagementScope) { _, practiceID in
                try await createUser(request, practiceID: practiceID)
            }
        }
        router.put("/v1/:practiceid/users/:userid") { request, context in
            await answer(request, context, scope: AthenaState.userManagementScope) { _, practiceID in
                try await updateUser(request, practiceID: practiceID, userid: context.parameters.get("userid"))
            }
        }
        // Methods athenaOne does not offer: answered 405 in its error shape, after the token is checked.
        let notAllowed: [(String, String, String, String?)] = [
            (
                "/v1/:practiceid/users/:userid", AthenaState.userManagementScope, "GET, PUT",
                "Users cannot be deleted; deactivate with PUT active=false."
            ),
            ("/v1/:practiceid/providers", AthenaState.practiceManagementScope, "GET", nil),
            ("/v1/:practiceid/providers/:providerid", AthenaState.practiceManagementScope, "GET", nil),
            ("/v1/:practiceid/departments", AthenaState.practiceManagementScope, "GET", nil),
        ]
        for (path, scope, allow, detail) in notAllowed {
            let refuse: @Sendable (Request, BasicRequestContext) async -> Response = { request, context in
                await answer(request, context, scope: scope) { _, _ in
                    var response = AthenaError(.methodNotAllowed, "Method not allowed.", detail: detail).response
                    response.headers[.allow] = allow
                    return response
                }
            }
            router.delete(RouterPath(path), use: refuse)
            router.patch(RouterPath(path), use: refuse)
        }
        router.get("/v1/:practiceid/providers") { request, context in
            await answer(request, context, scope: AthenaState.practiceManagementScope) { practice, _ in
                let paging = try paging(request)
                let providers = practice.providers.sorted { $0.providerid < $1.providerid }
                return .json(
                    .ok,
                    page: paging.page(
                        of: providers, key: "providers", request: request, as: AthenaProviderWire.init))
            }
        }
        router.get("/v1/:practiceid/providers/:providerid") { request, context in
            await answer(request, context, scope: AthenaState.practiceManagementScope) { practice, _ in
                try one(
                    practice.providers, id: \.providerid, context, "providerid", what: "provider",
                    as: AthenaProviderWire.init)
            }
        }
        router.get("/v1/:practiceid/departments") { request, context in
            await answer(request, context, scope: AthenaState.practiceManagementScope) { practice, _ in
                let paging = try paging(request)
                let showAll = ["1", "true"].contains(request.uri.queryParameters.get("showalldepartments") ?? "")
                let departments = practice.departments.filter { showAll || !$0.hidden }
                    .sorted { $0.departmentid < $1.departmentid }
                return .json(
                    .ok,
                    page: paging.page(
                        of: departments, key: "departments", request: request, as: AthenaDepartmentWire.init))
            }
        }
        router.get("/v1/:practiceid/departments/:departmentid") { request, context in
            await answer(request, context, scope: AthenaState.practiceManagementScope) { practice, _ in
                try one(
                    practice.departments, id: \.departmentid, context, "departmentid", what: "department",
                    as: AthenaDepartmentWire.init)
            }
        }
        return router
    }

    /// Checks the bearer token, its scope and the practice, then runs `body` on that practice's records.
    private func answer(
        _ request: Request, _ context: BasicRequestContext, scope: String,
        _ body: (AthenaPractice, String) async throws -> Response
    ) async -> Response {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else {
            return AthenaError(.unauthorized, "Developer Inactive", detail: "No bearer token was sent.").response
        }
        guard let grant = await tokens.grant(for: String(authorization.dropFirst("Bearer ".count))) else {
            return AthenaError(.unauthorized, "Invalid or expired access token.").response
        }
        guard grant.scopes.contains(scope) else {
            return AthenaError(
                .forbidden, "Forbidden", detail: "The access token does not carry the scope \(scope)."
            ).response
        }
        let practiceID = context.parameters.get("practiceid") ?? ""
        guard let practice = await store.state.athena.practices[practiceID] else {
            return AthenaError(.notFound, "Invalid practice.", detail: "Practice \(practiceID) does not exist.")
                .response
        }
        do {
            return try await body(practice, practiceID)
        } catch let error as AthenaError {
            return error.response
        } catch {
            return AthenaError(.internalServerError, "Internal error.", detail: "\(error)").response
        }
    }

    /// A page of a practice's users, from a listing sorted once per change of the state (sorting
    /// 2,500 users for each of a read's 25 pages was most of the simulator's work in a read).
    private func listUsers(_ request: Request, practiceID: String) async throws -> Response {
        let paging = try paging(request)
        var users = await store.derived("athena.users.\(practiceID)") { state in
            (state.athena.practices[practiceID]?.users ?? []).sorted { $0.userid < $1.userid }
        }
        if let username = request.uri.queryParameters.get("username") {
            users = users.filter { $0.username.lowercased() == username.lowercased() }
        }
        return .json(.ok, page: paging.page(of: users, key: "users", request: request, as: AthenaUserWire.init))
    }

    private func createUser(_ request: Request, practiceID: String) async throws -> Response {
        let form = try await readForm(request)
        let createdAt = ISO8601DateFormatter().string(from: clock.now())
        let user = try await changePractice(practiceID) { practice, athena in
            try AthenaUserWrites.create(form, in: &practice, userid: athena.nextUserID, createdAt: createdAt)
        }
        return .json(.ok, encoding: ["userid": String(user.userid), "username": user.username], wrote: true)
    }

    private func updateUser(_ request: Request, practiceID: String, userid: String?) async throws -> Response {
        let form = try await readForm(request)
        guard let id = userid.flatMap(Int.init) else { throw AthenaError.notFound("user") }
        try await changePractice(practiceID) { practice, _ in
            try AthenaUserWrites.update(form, userid: id, in: &practice)
        }
        return .json(.ok, encoding: ["userid": String(id), "success": "true"], wrote: true)
    }

    /// The request's form body; the middleware has already collected it.
    private func readForm(_ request: Request) async throws -> AthenaForm {
        var request = request
        return try AthenaForm.read(request, body: try await request.collectBody(upTo: SandboxMiddleware.maxBody))
    }

    /// Applies `change` to one practice's records, with every practice in view, and saves the result.
    private func changePractice<Result: Sendable>(
        _ practiceID: String, _ change: @escaping @Sendable (inout AthenaPractice, AthenaState) throws -> Result
    ) async throws -> Result {
        try await store.update { state in
            guard var practice = state.athena.practices[practiceID] else { throw AthenaError.notFound("practice") }
            let result = try change(&practice, state.athena)
            state.athena.practices[practiceID] = practice
            return result
        }
    }

    private func paging(_ request: Request) throws(AthenaError) -> AthenaPaging {
        try AthenaPaging.read(
            request, defaultLimit: options.defaultPageSize, maxLimit: options.maxPageSize, lie: options.listLie)
    }

    /// GET by id: the record in a one-element array, as athena answers, or 404 when the practice has none.
    private func one<Record, Wire: Encodable & Sendable>(
        _ records: [Record], id: KeyPath<Record, Int>, _ context: BasicRequestContext, _ parameter: String,
        what: String, as wire: (Record) -> Wire
    ) throws(AthenaError) -> Response {
        let wanted = context.parameters.get(parameter).flatMap(Int.init)
        guard let record = records.first(where: { $0[keyPath: id] == wanted }) else {
            throw AthenaError.notFound(what)
        }
        return .json(.ok, encoding: [wire(record)])
    }

    private func token(_ request: Request) async -> Response {
        var request = request
        let form: AthenaForm
        do {
            let body = try await request.collectBody(upTo: 64 << 10)
            form = try AthenaForm.read(request, body: body)
        } catch let error as AthenaError {
            return oauthError(.badRequest, "invalid_request", error.detailedmessage ?? error.error)
        } catch {
            return oauthError(.badRequest, "invalid_request", "The body could not be read.")
        }
        guard form["grant_type"] == "client_credentials" else {
            return oauthError(.badRequest, "unsupported_grant_type", "Only client_credentials is supported.")
        }
        guard let (clientID, secret) = basicCredentials(request.headers[.authorization]) else {
            return oauthError(.unauthorized, "invalid_client", "Send the client id and secret with HTTP Basic.")
        }
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        let clients = await store.state.athena.clients
        switch await tokens.issue(clientID: clientID, secret: secret, requested: requested, clients: clients) {
        case .success(let issued):
            return .json(
                .ok,
                encoding: [
                    "access_token": issued.token, "token_type": "Bearer",
                    "expires_in": String(Int(options.tokenLifetime)),
                    "scope": issued.grant.scopes.sorted().joined(separator: " "),
                ])
        case .failure(.invalidClient):
            return oauthError(.unauthorized, "invalid_client", "Unknown client or wrong secret.")
        case .failure(.invalidScope(let scope)):
            return oauthError(.badRequest, "invalid_scope", "This client may not ask for \(scope).")
        case .failure(.tooManyRequests):
            return oauthError(.tooManyRequests, "too_many_requests", "Token request limit reached for this minute.")
        }
    }

    private func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        .json(status, encoding: ["error": code, "error_description": description])
    }

    private func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.hasPrefix("Basic "),
            let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
