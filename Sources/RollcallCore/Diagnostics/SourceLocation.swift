/// A place in a config file: 1-based line and column, as editors count them.
///
/// Columns count characters (Unicode scalars), not bytes, as libyaml does. A location is
/// 16 bytes: every located value of a config carries one, over half a million for 50,000
/// people, so the file's name is shared (`SourcePath`) and the line and column are 32 bits.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var path: SourcePath
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public init(file: String, line: Int, column: Int) {
        self.init(path: SourcePath(file), line: line, column: column)
    }

    /// A location in a file whose name many locations share.
    init(path: SourcePath, line: Int, column: Int) {
        self.path = path
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public var file: String {
        get { path.name }
        set { path = SourcePath(newValue) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.storedLine == rhs.storedLine && lhs.storedColumn == rhs.storedColumn
            && (lhs.path === rhs.path || lhs.file == rhs.file)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(storedLine)
        hasher.combine(storedColumn)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A file's name, made once per file and shared by every location in it.
final class SourcePath: Sendable {
    let name: String

    init(_ name: String) {
        self.name = name
    }
}

/// A value read from a config file, with where it was written.
struct Located<Value: Sendable>: Sendable {
    var value: Value
    var location: SourceLocation

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
