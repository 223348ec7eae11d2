import Crypto

/// SHA-256 over a config's files in merge order: each file's name relative to
/// the config root, its length and its bytes. A config is one file or the flat
/// `*.yaml` files of one directory, so the name is the file's last path
/// component; where the checkout lives does not change the digest, so a plan
/// saved in one checkout applies from another.
public enum ConfigDigest {
    public static func of(_ files: [ConfigSourceFile]) -> String {
        var bytes: [UInt8] = []
        for file in files {
            let name = file.path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            bytes += Array("\(name)\n\(file.bytes.count)\n".utf8)
            bytes += file.bytes
        }
        return SHA256.hash(data: bytes).hexString
    }
}
