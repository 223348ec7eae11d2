/// A set of one mapping's keys as bits, one per case in `allCases` order: a staff entry
/// records which keys it wrote, and a `Set` of them cost the config load more than the
/// check it serves (hashing every key of 50,000 entries).
struct KeySet<Key: ConfigKey>: Sendable, Equatable {
    private var bits: UInt64 = 0

    init() {}

    init(_ keys: some Sequence<Key>) {
        for key in keys { insert(key) }
    }

    func contains(_ key: Key) -> Bool {
        bits & Self.bit(key) != 0
    }

    mutating func insert(_ key: Key) {
        bits |= Self.bit(key)
    }

    private static func bit(_ key: Key) -> UInt64 {
        1 << UInt64(Key.position(of: key))
    }
}
