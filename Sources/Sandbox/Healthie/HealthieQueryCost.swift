import GraphQL

/// Healthie's limits on a query's shape: complexity 2000 and depth 25, counted as
/// graphql-ruby counts them. Every field costs 1; the fields under a paged list
/// cost once per item the page may hold (`first`, `last` or `page_size`, else
/// the default of 10), so a page of members with many permission flags is
/// expensive and must be sized to fit.
struct HealthieQueryCost {
    static let maxComplexity = 2000
    static let maxDepth = 25
    static let pageArguments = ["first", "last", "page_size"]
    static let pagedFields: Set<String> = ["users", "organizationMembers"]
    static let defaultPageSize = 10

    let fragments: [String: FragmentDefinition]
    let variables: [String: Map]

    init(document: Document, variables: [String: Map]) {
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in document.definitions {
            fragments[fragment.name.value] = fragment
        }
        self.fragments = fragments
        self.variables = variables
    }

    /// The error Healthie answers with when `operation` is over a limit, or nil.
    func refusal(for operation: OperationDefinition) -> String? {
        let depth = depth(of: operation.selectionSet, visiting: [])
        if depth > Self.maxDepth {
            return "Query has depth of \(depth), which exceeds max depth of \(Self.maxDepth)"
        }
        let complexity = complexity(of: operation.selectionSet, visiting: [])
        if complexity > Self.maxComplexity {
            return "Query has complexity of \(complexity), which exceeds max complexity of \(Self.maxComplexity)"
        }
        return nil
    }

    private func fields(of set: SelectionSet, visiting: Set<String>) -> [(Field, Set<String>)] {
        set.selections.flatMap { selection -> [(Field, Set<String>)] in
            switch selection {
            case let field as Field: return [(field, visiting)]
            case let inline as InlineFragment: return fields(of: inline.selectionSet, visiting: visiting)
            case let spread as FragmentSpread:
                let name = spread.name.value
                guard !visiting.contains(name), let fragment = fragments[name] else { return [] }
                return fields(of: fragment.selectionSet, visiting: visiting.union([name]))
            default: return []
            }
        }
    }

    private func depth(of set: SelectionSet, visiting: Set<String>) -> Int {
        fields(of: set, visiting: visiting).map { field, visiting in
            1 + (field.selectionSet.map { depth(of: $0, visiting: visiting) } ?? 0)
        }.max() ?? 0
    }

    private func complexity(of set: SelectionSet, visiting: Set<String>) -> Int {
        fields(of: set, visiting: visiting).reduce(0) { total, item in
            let (field, visiting) = item
            guard let children = field.selectionSet else { return total + 1 }
            let inner = complexity(of: children, visiting: visiting)
            return total + 1 + inner * pageSize(of: field)
        }
    }

    private func pageSize(of field: Field) -> Int {
        // `first` or `last`, whichever the request gives; a variable it leaves unset is no size.
        for argument in field.arguments where Self.pageArguments.contains(argument.name.value) {
            switch argument.value {
            case let literal as IntValue: return max(1, Int(literal.value) ?? 1)
            case let variable as Variable:
                if let size = variables[variable.name.value]?.int { return max(1, size) }
            default: break
            }
        }
        return Self.pagedFields.contains(field.name.value) ? Self.defaultPageSize : 1
    }
}
