import GraphQL
import Synchronization

/// Documents the simulator has parsed and found valid, by their text and the schema they
/// were checked against. A read sends the same document for every page; parsing and
/// validating it again each time cost a page of members a tenth of its time.
/// A document with problems is not kept, and the set is emptied when it is full.
final class ValidatedDocuments: Sendable {
    private struct Key: Hashable {
        var query: String
        var schema: ObjectIdentifier
    }

    static let capacity = 256
    private let documents = Mutex<[Key: Document]>([:])

    func document(_ query: String, schema: GraphQLSchema) -> Document? {
        documents.withLock { $0[Key(query: query, schema: ObjectIdentifier(schema))] }
    }

    func keep(_ document: Document, for query: String, schema: GraphQLSchema) {
        documents.withLock { documents in
            if documents.count >= Self.capacity { documents.removeAll() }
            documents[Key(query: query, schema: ObjectIdentifier(schema))] = document
        }
    }
}
