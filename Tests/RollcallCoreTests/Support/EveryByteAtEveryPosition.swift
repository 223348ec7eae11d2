/// `text` with each byte value put in each position in turn, handed to `check` with the byte
/// and its position: what a word-at-a-time scan must agree on with a byte-at-a-time rule.
func everyByteAtEveryPosition(of text: [UInt8], _ check: (_ bytes: [UInt8], _ byte: UInt8, _ position: Int) -> Void) {
    for byte in UInt8.min...UInt8.max {
        for position in text.indices {
            var bytes = text
            bytes[position] = byte
            check(bytes, byte, position)
        }
    }
}
