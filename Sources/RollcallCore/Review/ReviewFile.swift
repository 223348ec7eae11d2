/// The campaign file: YAML written through libyaml's emitter with a schema line, and read
/// back strictly, every problem at its line and column. A file edited by hand is untrusted:
/// an unknown key, a value of the wrong kind or a malformed date is an error, never skipped.
public enum ReviewFile {
    enum Key: String, CaseIterable {
        case reviewer, config, seal, totals, systems, items
        case startedAt = "started_at"
        case nextReview = "next_review"
    }

    enum ItemKey: String, CaseIterable {
        case account, role, grants, privileged, decision, reason, ticket, seal
        case staffID = "staff_id"
        case lastSignInAt = "last_sign_in_at"
    }

    enum SystemKey: String, CaseIterable {
        case name, records, requests, source
    }

    public static func text(_ campaign: ReviewCampaign, schema: String) throws(YAMLEmitter.Failure) -> String {
        var document = YAMLDocument()
        document.comment("yaml-language-server: $schema=\(schema)")
        document.comment(
            """
            The access review of \(campaign.config), started \(campaign.startedAt) by \(campaign.reviewer).
            For each item, set decision to keep, revoke or modify. A privileged keep needs a reason;
            a revoke or a modify needs a ticket, and is carried out by changing the config (or the
            account) and applying it. Change nothing else: the seals catch an edited item.
            Then: rollcall review verify THIS_FILE CONFIG
            """)
        let items = campaign.items.map { item -> YAMLOutput in
            .mapping([
                .init(ItemKey.account.rawValue, .text(item.account)),
                .init(ItemKey.staffID.rawValue, .text(item.staffID)),
                .init(ItemKey.role.rawValue, .text(item.role)),
                .init(ItemKey.grants.rawValue, .text(item.grants)),
                .init(ItemKey.privileged.rawValue, .flag(item.privileged)),
                .init(ItemKey.lastSignInAt.rawValue, .text(item.lastSignInAt)),
                .init(ItemKey.decision.rawValue, .text(item.decision)),
                .init(ItemKey.reason.rawValue, .text(item.reason)),
                .init(ItemKey.ticket.rawValue, .text(item.ticket)),
                .init(ItemKey.seal.rawValue, .text(item.seal)),
            ])
        }
        let systems = campaign.systems.map { system -> YAMLOutput in
            .mapping([
                .init(SystemKey.name.rawValue, .text(system.name)),
                .init(SystemKey.records.rawValue, .number(system.records)),
                .init(SystemKey.requests.rawValue, .number(system.requests)),
                .init(SystemKey.source.rawValue, .text(system.source)),
            ])
        }
        try document.block(
            .mapping([
                .init(
                    "review",
                    .mapping([
                        .init(Key.reviewer.rawValue, .text(campaign.reviewer)),
                        .init(Key.startedAt.rawValue, .text(campaign.startedAt.description)),
                        .init(Key.nextReview.rawValue, .text(campaign.nextReview.description)),
                        .init(Key.config.rawValue, .text(campaign.config)),
                        .init(Key.seal.rawValue, .text(campaign.seal)),
                        .init(
                            Key.totals.rawValue,
                            .mapping([
                                .init("items", .number(campaign.items.count)),
                                .init("privileged", .number(campaign.privilegedCount)),
                            ])),
                        .init(Key.systems.rawValue, .sequence(systems)),
                        .init(Key.items.rawValue, .sequence(items)),
                    ]))
            ]))
        return document.text
    }

    public struct Read: Sendable {
        public var campaign: ReviewCampaign?
        /// The totals the file states, to reconcile with its items.
        public var totals: (items: Int, privileged: Int)?
        var totalsAt: SourceLocation?
        var sealAt: SourceLocation?
        public var diagnostics: [Diagnostic]
    }

    public static func read(_ bytes: [UInt8], file: String) -> Read {
        var reader = Reader(file: file)
        let parsed = YAMLParser.parse(bytes, file: file)
        guard let root = parsed.root, parsed.diagnostics.allSatisfy({ !$0.isError }) else {
            return Read(campaign: nil, diagnostics: parsed.diagnostics)
        }
        let campaign = reader.campaign(root)
        return Read(
            campaign: reader.diagnostics.isEmpty ? campaign : nil, totals: reader.totals, totalsAt: reader.totalsAt,
            sealAt: reader.sealAt, diagnostics: reader.diagnostics)
    }

    struct Reader {
        let file: String
        var diagnostics: [Diagnostic] = []
        var totals: (items: Int, privileged: Int)?
        var totalsAt: SourceLocation?
        var sealAt: SourceLocation?

        init(file: String) {
            self.file = file
        }

        mutating func error(_ message: String, _ node: YAMLNode, hint: String? = nil) {
            diagnostics.append(.error(message, at: node.location(in: file), hint: hint))
        }

        /// The mapping's entries by key, every key checked against `known`.
        mutating func fields(_ node: YAMLNode, known: [String], place: String) -> [String: YAMLMappingEntry]? {
            guard case .mapping(let entries) = node.content else {
                error("\(place) must be a mapping, not \(node.kindDescription)", node)
                return nil
            }
            var fields: [String: YAMLMappingEntry] = [:]
            for entry in entries {
                if !known.contains(entry.key) {
                    diagnostics.append(
                        .error(
                            "\(place) has an unknown key '\(entry.key)'" + Suggestion.phrase(for: entry.key, in: known),
                            at: entry.keyLocation(in: file)))
                } else if fields[entry.key] != nil {
                    diagnostics.append(
                        .error("'\(entry.key)' is given twice in \(place)", at: entry.keyLocation(in: file)))
                }
                fields[entry.key] = fields[entry.key] ?? entry
            }
            for key in known where fields[key] == nil {
                error("\(place) has no '\(key)'", node)
            }
            return fields
        }

        mutating func text(_ entry: YAMLMappingEntry?) -> String? {
            guard let entry else { return nil }
            guard case .scalar(let scalar) = entry.value.content else {
                error("'\(entry.key)' must be a single value, not \(entry.value.kindDescription)", entry.value)
                return nil
            }
            return scalar.text
        }

        mutating func number(_ entry: YAMLMappingEntry?) -> Int? {
            guard let text = text(entry), let entry else { return nil }
            guard let value = Int(text), value >= 0 else {
                error("'\(entry.key)' must be a whole number, not '\(text)'", entry.value)
                return nil
            }
            return value
        }

        mutating func campaign(_ root: YAMLNode) -> ReviewCampaign? {
            guard let top = fields(root, known: ["review"], place: "the campaign file"), let review = top["review"],
                let fields = fields(review.value, known: Key.allCases.map(\.rawValue), place: "review")
            else { return nil }
            let reviewer = text(fields[Key.reviewer.rawValue]) ?? ""
            var startedAt: Timestamp?
            if let entry = fields[Key.startedAt.rawValue], let value = text(entry) {
                startedAt = Timestamp(iso: value)
                if startedAt == nil { error("started_at '\(value)' is not a time with its offset", entry.value) }
            }
            var nextReview: CalendarDate?
            if let entry = fields[Key.nextReview.rawValue], let value = text(entry) {
                nextReview = CalendarDate(iso: value)
                if nextReview == nil { error("next_review '\(value)' is not a date as YYYY-MM-DD", entry.value) }
            }
            if let entry = fields[Key.totals.rawValue] {
                totalsAt = entry.keyLocation(in: file)
                if let counts = self.fields(entry.value, known: ["items", "privileged"], place: "review.totals"),
                    let items = number(counts["items"]), let privileged = number(counts["privileged"])
                {
                    totals = (items, privileged)
                }
            }
            sealAt = fields[Key.seal.rawValue]?.value.location(in: file)
            var systems: [ReviewSystem] = []
            if let entry = fields[Key.systems.rawValue] {
                for node in list(entry) {
                    guard let system = self.fields(node, known: SystemKey.allCases.map(\.rawValue), place: "a system")
                    else { continue }
                    systems.append(
                        ReviewSystem(
                            name: text(system["name"]) ?? "", records: number(system["records"]) ?? 0,
                            requests: number(system["requests"]) ?? 0, source: text(system["source"]) ?? ""))
                }
            }
            var items: [ReviewItem] = []
            if let entry = fields[Key.items.rawValue] {
                for node in list(entry) { if let item = item(node) { items.append(item) } }
            }
            guard let startedAt, let nextReview else { return nil }
            return ReviewCampaign(
                reviewer: reviewer, startedAt: startedAt, nextReview: nextReview,
                config: text(fields[Key.config.rawValue]) ?? "", systems: systems, items: items,
                seal: text(fields[Key.seal.rawValue]) ?? "")
        }

        mutating func list(_ entry: YAMLMappingEntry) -> [YAMLNode] {
            guard case .sequence(let nodes) = entry.value.content else {
                error("'\(entry.key)' must be a list, not \(entry.value.kindDescription)", entry.value)
                return []
            }
            return nodes
        }

        mutating func item(_ node: YAMLNode) -> ReviewItem? {
            guard let fields = fields(node, known: ItemKey.allCases.map(\.rawValue), place: "an item") else {
                return nil
            }
            func value(_ key: ItemKey) -> String { text(fields[key.rawValue]) ?? "" }
            var privileged = false
            if let entry = fields[ItemKey.privileged.rawValue], let flag = text(entry) {
                switch flag {
                case "true": privileged = true
                case "false": privileged = false
                default: error("'privileged' must be true or false, not '\(flag)'", entry.value)
                }
            }
            var item = ReviewItem(
                account: value(.account), staffID: value(.staffID), role: value(.role), grants: value(.grants),
                privileged: privileged, lastSignInAt: value(.lastSignInAt), decision: value(.decision),
                reason: value(.reason), ticket: value(.ticket), seal: value(.seal))
            item.location = node.location(in: file)
            item.decisionAt = fields[ItemKey.decision.rawValue]?.value.location(in: file) ?? item.location
            return item
        }
    }
}
