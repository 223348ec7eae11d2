extension String {
    /// Without spaces and tabs at either end: how an export's values and the mapping's keys
    /// are compared. A Swift scan rather than Foundation's `trimmingCharacters`, which bridges
    /// every value through NSString and was most of the time a 50,000-row export took.
    var trimmedSpace: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? first
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
