import Foundation
import Rollcall
import RollcallTestSupport
import Testing

/// The schema line `rollcall import` writes resolves wherever the user runs it.
@Suite struct ImportSchemaReferenceTests {
    @Test func aCheckoutWithTheSchemaGetsARelativePath() {
        let root = RepositoryFiles.root.path
        let reference = ImportTarget.defaultSchemaReference(out: root + "/clinic/config", workingDirectory: root)
        #expect(reference == "../../schemas/rollcall.schema.json")
        let file = URL(fileURLWithPath: root + "/clinic/config").appendingPathComponent(reference).standardized
        #expect(FileManager.default.fileExists(atPath: file.path), "the path resolves from where the files go")
    }

    @Test func elsewhereTheFilesPointAtThePublishedSchema() {
        let elsewhere = FileManager.default.temporaryDirectory.path
        #expect(
            ImportTarget.defaultSchemaReference(out: elsewhere + "/clinic", workingDirectory: elsewhere)
                == "https://rollcall.dev/schemas/rollcall.schema.json")
    }
}
