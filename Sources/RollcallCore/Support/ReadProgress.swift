/// How far a long read has got, for a progress line on a terminal.
public struct ReadProgress: Sendable, Equatable {
    /// What is being read: `athena 195900 users`, `healthie members`.
    public var subject: String
    public var read: Int
    /// Known after the first page.
    public var total: Int?

    public init(subject: String, read: Int, total: Int?) {
        self.subject = subject
        self.read = read
        self.total = total
    }
}

/// Receives progress as pages arrive; it must be cheap and must not block.
public typealias ProgressSink = @Sendable (ReadProgress) -> Void
