import RollcallCore
import RollcallHTTP

/// The HTTP plumbing's errors, which reach a run when a system does not answer.
extension NoAnswer: CodedError {
    package var errorCode: String { unreachable ? "unreachable" : "no_answer" }
    package var errorMessage: String { description }
}

extension RetriesExhausted: CodedError {
    package var errorCode: String { unreachable ? "unreachable" : "unavailable" }
    package var errorMessage: String { description }
}
