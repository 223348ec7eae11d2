import Crypto

/// SHA-256 over a config's files in merge order: each file's name relative to
/// the config root, its length and its bytes. A config is one file or the flat
/// `*.yaml` files of one directory, so the name is the file's last path
/// component; where the checkout lives does not change the digest, so a plan
/// saved in one checkout applies from another.
package enum ConfigDigest {
    package static func of(_ files: [ConfigSourceFile]) -> String {
        var builder = Builder()
        for file in files { builder.add(file) }
        return builder.digest
    }

    /// The digest and each file's SHA-256, taken file by file: a caller can hash a file and let
    /// its bytes go before it reads the next (the roster's export is read after the config loads).
    package struct Builder {
        private var hash = SHA256()
        /// Each file's name (as the digest names it) and SHA-256, so a plan applied to a config
        /// that changed can say which file did.
        package private(set) var files: [ConfigFileDigest] = []

        package init() {}

        package mutating func add(_ file: ConfigSourceFile) {
            let name = file.path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            hash.update(data: Array("\(name)\n\(file.bytes.count)\n".utf8))
            hash.update(data: file.bytes)
            files.append(ConfigFileDigest(name: name, sha256: SHA256.hash(data: file.bytes).hexString))
        }

        package var digest: String { hash.finalize().hexString }
    }

    /// What differs between the files a plan was made from and the files there now, in words:
    /// `staff.yaml changed`, `north.yaml is new`, `old.yaml is gone`.
    package static func differences(from planned: [ConfigFileDigest], to now: [ConfigFileDigest]) -> [String] {
        let before = Dictionary(planned.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(now.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        var words: [String] = []
        for file in now where before[file.name] != file.sha256 {
            words.append(before[file.name] == nil ? "\(file.name) is new" : "\(file.name) changed")
        }
        for file in planned where after[file.name] == nil { words.append("\(file.name) is gone") }
        return words
    }
}

/// One file of a config, as a plan records it.
package struct ConfigFileDigest: Sendable, Equatable, Codable {
    package var name: String
    package var sha256: String

    package init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}
