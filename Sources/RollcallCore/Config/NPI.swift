/// National Provider Identifier checks.
package enum NPI {
    /// Why `text` is not a valid NPI, or `nil` when it is one.
    ///
    /// An NPI is ten digits whose last is a Luhn check digit computed over
    /// the first nine with the prefix 80840 (the US health industry prefix).
    package static func problem(with text: String) -> String? {
        let digits = text.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        guard digits.count == 10, digits.allSatisfy({ (0...9).contains($0) }) else {
            return "an NPI is exactly 10 digits"
        }
        let expected = checkDigit(forFirstNine: Array(digits.prefix(9)))
        guard digits[9] == expected else {
            return "its check digit is \(digits[9]), but the first nine digits give \(expected)"
        }
        return nil
    }

    package static func isValid(_ text: String) -> Bool {
        problem(with: text) == nil
    }

    /// The Luhn check digit of `80840` followed by `digits`.
    package static func checkDigit(forFirstNine digits: [Int]) -> Int {
        let payload = [8, 0, 8, 4, 0] + digits
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
