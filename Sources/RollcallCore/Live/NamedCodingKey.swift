/// A coding key named at run time: for wire objects whose keys depend on the record
/// (athenaOne's list key, `users` or `providers`) or are read by name (Healthie's `can_*` flags).
public struct NamedCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
