/// Eight bytes of text judged at once.
enum ASCIIWord {
    /// Whether every byte of `word` is ASCII from `lowest` (at most 0x80) up to 0x7E: none of
    /// 0x80 or more, none under `lowest`, none that is 0x7F. A byte that is sets the high bit
    /// of its own or a later byte; none is missed (Bit Twiddling Hacks' "hasless" and "haszero").
    @inline(__always)
    static func isPrintable(_ word: UInt64, from lowest: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* UInt64(lowest)) & ~word & highs
        let deletes = word ^ (ones &* 0x7F)
        let isDelete = (deletes &- ones) & ~deletes & highs
        return (word & highs) | below | isDelete == 0
    }
}
