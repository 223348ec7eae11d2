import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// Marks between handlers, the middleware and the connection; never seen by a client.
enum SandboxHeader {
    /// Set by a handler whose request changed the state.
    static let wrote = named("X-Sandbox-Wrote")
    /// Set by the middleware on a response the connection must drop instead of sending.
    static let drop = named("X-Sandbox-Drop")
    /// The id a client gives each request so support can trace it; recorded in the request log.
    static let requestID = named("X-Request-Id")

    static func named(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { fatalError("'\(name)' is not a valid header name") }
        return field
    }
}

/// Wraps every request of one simulator: injects latency and faults, records the
/// request in the store's log, and marks write responses to be dropped.
struct SandboxMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let system: SandboxRequestRecord.System
    let store: SandboxStore
    let faults: FaultInjector
    /// The simulator's own answer to a fault, in its API's words.
    let faultResponse: @Sendable (FaultInjector.Fault) -> Response
    /// Paths that faults never touch (athena's token endpoint has its own limit).
    let exempt: @Sendable (String) -> Bool

    static let maxBody = 16 << 20

    func handle(
        _ input: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = input
        let body = try await request.collectBody(upTo: Self.maxBody)
        let latency = await faults.faults.latency
        // The added latency ends early when the server is shutting down (SIGTERM, SIGINT), so a
        // stop is never held up by a request that is only waiting.
        if latency > .zero { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: latency) } }
        var response: Response
        if !exempt(request.uri.path), let fault = await faults.beforeRequest() {
            response = faultResponse(fault)
        } else {
            response = try await next(request, context)
        }
        let wrote = response.headers[SandboxHeader.wrote] != nil
        response.headers[SandboxHeader.wrote] = nil
        await store.record(
            SandboxRequestRecord(
                system: system, method: request.method.rawValue, path: request.uri.path,
                query: request.uri.query ?? "", contentType: request.headers[.contentType],
                body: String(buffer: body), status: response.status.code, wrote: wrote,
                requestID: request.headers[SandboxHeader.requestID]))
        if wrote, await faults.dropAfterWrite() {
            response.headers[SandboxHeader.drop] = "1"
        }
        return response
    }
}

extension Response {
    /// A JSON answer with the given status.
    static func json(_ status: HTTPResponse.Status, _ data: Data, wrote: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if wrote { headers[SandboxHeader.wrote] = "1" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<Body: Encodable>(_ status: HTTPResponse.Status, encoding body: Body, wrote: Bool = false)
        -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":"The simulator could not encode its answer."}"#.utf8)
        return json(status, data, wrote: wrote)
    }
}
