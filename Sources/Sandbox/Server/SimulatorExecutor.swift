import Dispatch

/// A thread of its own for one simulator's work, as if it were a server of its own.
///
/// GraphQLSwift executes every field of every record as a child task: a page of 100
/// members is some 2,000 tasks. On Swift's shared pool (one thread per core) they held
/// up every other answer the sandbox was giving, athenaOne's included, which a real
/// deployment never sees: there the two systems are different machines. Tasks that
/// prefer this executor (and their child tasks) run one after another on one serial queue.
final class SimulatorExecutor: TaskExecutor {
    private let queue: DispatchQueue
    private static let marker = DispatchSpecificKey<ObjectIdentifier>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: Self.marker, value: ObjectIdentifier(self))
    }

    /// Whether the code calling this runs on this executor's queue.
    var isCurrent: Bool { DispatchQueue.getSpecific(key: Self.marker) == ObjectIdentifier(self) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
