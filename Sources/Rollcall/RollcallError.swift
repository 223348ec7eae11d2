/// A failure the orchestration reports to the user: what failed and what to do.
public struct RollcallError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
