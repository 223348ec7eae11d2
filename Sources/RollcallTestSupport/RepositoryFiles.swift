import Foundation

/// Files of this repository that tests read by path: the examples and the fixtures.
/// Everything a test reads lives inside the repository, so a fresh clone passes alone.
package enum RepositoryFiles {
    /// The package root, found from this file's place in `Sources/RollcallTestSupport/`.
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Healthie's published GraphQL schema, interface facts only (see `Tests/Fixtures/healthie/README.md`).
    package static let healthieSchema = root.appendingPathComponent("Tests/Fixtures/healthie/schema.graphql")

    package static let examples = root.appendingPathComponent("examples")
}
