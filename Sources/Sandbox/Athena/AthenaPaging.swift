import Hummingbird

/// Offset paging as athenaOne does it: `limit` (default 10, capped at the
/// configured maximum, whatever was asked) and `offset`.
struct AthenaPaging: Sendable {
    var limit: Int
    var offset: Int
    var lie: ListLie?

    static func read(
        _ request: Request, defaultLimit: Int, maxLimit: Int, lie: ListLie? = nil
    ) throws(AthenaError) -> AthenaPaging {
        let query = request.uri.queryParameters
        func number(_ name: String) throws(AthenaError) -> Int? {
            guard let text = query.get(name) else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw AthenaError(
                    .badRequest, "Invalid value for \(name).", detail: "'\(text)' is not a whole number.",
                    invalid: [name])
            }
            return value
        }
        let limit = try number("limit") ?? defaultLimit
        return AthenaPaging(limit: min(max(limit, 1), maxLimit), offset: try number("offset") ?? 0, lie: lie)
    }

    /// This page of `records` in their wire shape, with links that keep every other query
    /// parameter. Only the records on the page are converted.
    func page<Record, Wire: Encodable & Sendable>(
        of records: [Record], key: String, request: Request, as wire: (Record) -> Wire
    ) -> AthenaPage<Wire> {
        let start = min(offset, records.count)
        let end = min(start + limit, records.count)
        let next = end < records.count ? link(request, offset: end) : nil
        let previous = start > 0 ? link(request, offset: max(0, start - limit)) : nil
        var shown = records[start..<end].map(wire)
        var total = records.count
        switch lie {
        case .shortTotal: total = min(records.count, limit)
        case .repeatedPages where start > 0: shown = records[0..<min(end - start, records.count)].map(wire)
        case .repeatedPages, nil: break
        }
        return AthenaPage(key: key, records: shown, totalcount: total, next: next, previous: previous)
    }

    private func link(_ request: Request, offset: Int) -> String {
        var parameters = request.uri.queryParameters.filter { $0.key != "limit" && $0.key != "offset" }
            .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        parameters.append("limit=\(limit)")
        parameters.append("offset=\(offset)")
        return request.uri.path + "?" + parameters.joined(separator: "&")
    }
}
