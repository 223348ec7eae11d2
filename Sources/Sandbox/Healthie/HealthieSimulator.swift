import Foundation
import GraphQL
import HTTPTypes
import Hummingbird

/// How the Healthie simulator behaves where the real API is configurable.
package struct HealthieOptions: Sendable, Hashable {
    /// Behave as Healthie will from 2027-01-31: the version header is required and
    /// versions before 2026-07-01 are refused.
    package var afterSunset: Bool
    /// Refuse introspection (`__schema`, `__type`), as production may.
    package var productionMode: Bool
    /// A member list that lies, to prove a client checks what it reads; nil answers truthfully.
    package var listLie: ListLie?

    package init(afterSunset: Bool = false, productionMode: Bool = false, listLie: ListLie? = nil) {
        self.afterSunset = afterSunset
        self.productionMode = productionMode
        self.listLie = listLie
    }
}

/// The Healthie GraphQL simulator: one `POST /graphql` endpoint over a real schema and executor.
struct HealthieSimulator: Sendable {
    static let versionHeader = SandboxHeader.named("Healthie-GraphQL-API-Version")
    static let sourceHeader = SandboxHeader.named("AuthorizationSource")

    let store: SandboxStore
    let options: HealthieOptions
    let schema: HealthieSchema
    let validated = ValidatedDocuments()
    /// Where queries execute: a thread of Healthie's own (`SimulatorExecutor`).
    let executor = SimulatorExecutor(label: "rollcall.sandbox.healthie")

    init(store: SandboxStore, options: HealthieOptions) throws {
        self.store = store
        self.options = options
        schema = try HealthieSchema()
    }

    func router(faults: FaultInjector) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(
            middleware: SandboxMiddleware(
                system: .healthie, store: store, faults: faults,
                faultResponse: { fault in
                    switch fault {
                    case .rateLimited:
                        HealthieAnswer.error(
                            .tooManyRequests, "Too many requests. Please try again later.", code: "TOO_MANY_REQUESTS")
                    case .serverError:
                        HealthieAnswer.error(.serviceUnavailable, "Service Unavailable", code: "INTERNAL_SERVER_ERROR")
                    }
                },
                exempt: { _ in false }))
        router.post("/graphql") { request, _ in try await handle(request) }
        return router
    }

    private func handle(_ request: Request) async throws -> Response {
        guard let key = await authenticate(request) else {
            return HealthieAnswer.error(
                .ok,
                "API key is missing or invalid. Send `Authorization: Basic <api key>` and `AuthorizationSource: API`.",
                code: "UNAUTHENTICATED")
        }
        let version: HealthieVersion
        switch HealthieVersion.select(
            header: request.headers[Self.versionHeader], afterSunset: options.afterSunset)
        {
        case .success(let selected): version = selected
        case .failure(let rejection): return HealthieAnswer.error(.badRequest, rejection.message, code: rejection.code)
        }
        var request = request
        let body = try await request.collectBody(upTo: SandboxMiddleware.maxBody)
        guard let call = try? JSONDecoder().decode(GraphQLCall.self, from: Data(buffer: body)) else {
            return HealthieAnswer.error(.badRequest, "The body must be JSON with a `query`.", code: "BAD_REQUEST")
        }
        let caller = HealthieCaller(store: store, key: key, version: version, listLie: options.listLie)
        let result = await run(call, caller: caller, schema: schema.schema(for: version))
        return HealthieAnswer.result(result, warnings: version.warnings, wrote: caller.didWrite)
    }

    /// The key behind `Authorization: Basic <key>` sent with `AuthorizationSource: API`, if it is known.
    private func authenticate(_ request: Request) async -> HealthieAPIKey? {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Basic "),
            request.headers[Self.sourceHeader] == "API"
        else { return nil }
        let key = String(authorization.dropFirst("Basic ".count))
        return await store.state.healthie.apiKeys.first { $0.key == key }
    }

    private func run(_ call: GraphQLCall, caller: HealthieCaller, schema: GraphQLSchema) async -> GraphQLResult {
        let document: Document
        if let known = validated.document(call.query, schema: schema) {
            document = known
        } else {
            do {
                document = try parse(source: Source(body: call.query, name: "GraphQL request"))
            } catch let error as GraphQLError {
                return GraphQLResult(errors: [error])
            } catch {
                return GraphQLResult(errors: [GraphQLError(message: "\(error)")])
            }
            let rules = options.productionMode ? specifiedRules + [NoSchemaIntrospectionCustomRule] : specifiedRules
            let problems = validate(schema: schema, ast: document, rules: rules)
            guard problems.isEmpty else { return GraphQLResult(errors: problems) }
            validated.keep(document, for: call.query, schema: schema)
        }
        let cost = HealthieQueryCost(document: document, variables: call.variables ?? [:])
        for case let operation as OperationDefinition in document.definitions
        where call.operationName == nil || operation.name?.value == call.operationName {
            if let refusal = cost.refusal(for: operation) {
                return GraphQLResult(errors: [GraphQLError(message: refusal)])
            }
        }
        do {
            return try await withTaskExecutorPreference(executor) {
                try await execute(
                    schema: schema, documentAST: document, rootValue: (), context: caller,
                    variableValues: call.variables ?? [:], operationName: call.operationName)
            }
        } catch let error as GraphQLError {
            return GraphQLResult(errors: [error])
        } catch {
            return GraphQLResult(errors: [GraphQLError(message: "\(error)")])
        }
    }
}

/// A GraphQL request body.
struct GraphQLCall: Decodable, Sendable {
    var query: String
    var variables: [String: Map]?
    var operationName: String?
}

/// Healthie's answers: the GraphQL result, with `extensions.warnings` when the version is nearing sunset.
enum HealthieAnswer {
    struct Body: Encodable {
        var data: Map?
        var errors: [ErrorBody]?
        var extensions: Extensions?

        init(data: Map?, errors: [GraphQLError]?, extensions: Extensions? = nil) {
            self.data = data
            self.errors = errors?.map(ErrorBody.init)
            self.extensions = extensions
        }
    }

    /// An error as GraphQL servers write one: `locations` and `path` when the error has them
    /// (a field's error names its field), neither for an error about the whole request.
    struct ErrorBody: Encodable {
        var message: String
        var locations: [SourceLocation]?
        var path: [IndexPathValue]?
        var extensions: [String: Map]?

        init(_ error: GraphQLError) {
            message = error.message
            locations = error.locations.isEmpty ? nil : error.locations
            path = error.path.elements.isEmpty ? nil : error.path.elements
            extensions = error.extensions.isEmpty ? nil : error.extensions
        }
    }

    struct Extensions: Encodable {
        var warnings: [HealthieVersion.Warning]
    }

    static func result(_ result: GraphQLResult, warnings: [HealthieVersion.Warning], wrote: Bool) -> Response {
        let body = Body(
            data: result.data, errors: result.errors.isEmpty ? nil : result.errors,
            extensions: warnings.isEmpty ? nil : Extensions(warnings: warnings))
        return .json(.ok, encoding: body, wrote: wrote)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, code: String) -> Response {
        .json(
            status,
            encoding: Body(data: .null, errors: [GraphQLError(message: message, extensions: ["code": .string(code)])]))
    }
}
