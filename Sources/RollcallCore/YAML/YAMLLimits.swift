/// Bounds that keep a hostile file from costing time or memory.
///
/// A config has no use for deep nesting or for aliases that fan out: a
/// billion-laughs file is refused as soon as its aliases would expand past
/// `maxAliasExpansion` nodes, before any of that expansion is walked.
public struct YAMLLimits: Sendable, Hashable {
    /// Bytes in one file. A 50,000-person roster is about 14 MiB.
    package var maxFileBytes: Int
    /// Alias uses (`*name`) in one file.
    package var maxAliases: Int
    /// Nodes that alias uses may add to a document, counted through nested aliases.
    package var maxAliasExpansion: Int
    /// Nested mappings and lists.
    package var maxDepth: Int

    public init(maxFileBytes: Int, maxAliases: Int, maxAliasExpansion: Int, maxDepth: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxAliases = maxAliases
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }

    public static let standard = YAMLLimits(
        maxFileBytes: 64 * 1024 * 1024,
        maxAliases: 1_000,
        maxAliasExpansion: 10_000,
        maxDepth: 64
    )
}
