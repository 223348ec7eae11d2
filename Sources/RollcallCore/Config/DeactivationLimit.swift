/// `policy.max_deactivations`: how many deactivations one plan may hold.
public enum DeactivationLimit: Sendable, Equatable, CustomStringConvertible {
    /// At most this many accounts.
    case count(Int)
    /// At most this share of managed accounts, in percent (0 to 100).
    case percent(Double)

    /// Parses `5` or `10%` / `2.5%`; `nil` for anything else.
    public init?(parsing text: String) {
        if text.hasSuffix("%") {
            let number = text.dropLast()
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                number.filter({ $0 == "." }).count <= 1, !number.hasPrefix("."), !number.hasSuffix("."),
                let value = Double(number), (0...100).contains(value)
            else { return nil }
            self = .percent(value)
        } else {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                return nil
            }
            self = .count(value)
        }
    }

    public var description: String {
        switch self {
        case .count(let count): String(count)
        case .percent(let percent):
            percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
        }
    }

    /// The largest number of deactivations allowed when `managed` accounts are managed.
    public func allowed(managed: Int) -> Int {
        switch self {
        case .count(let count): count
        case .percent(let percent): Int((Double(managed) * percent / 100).rounded(.down))
        }
    }
}
