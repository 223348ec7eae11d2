/// A coding key named at run time: for wire objects whose keys depend on the record
/// (athenaOne's list key, `users` or `providers`) or are read by name (Healthie's `can_*` flags).
package struct NamedCodingKey: CodingKey, Sendable {
    package var stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
