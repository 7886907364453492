/// The payload an event carries beyond its time, task and kind.
public enum EventDetail: Sendable, Hashable {
    /// `suspend`, `block` and `deadlock`: what the task waits on.
    case wait(on: WaitReason, what: String)
    /// `ready` and `unblock`: what ended the wait (a timer, a lock release, a finished task), if known.
    case wake(by: String)
    /// `print`: the printed text.
    case text(String)
    /// `finish`: the result, and the error message of a failure or cancellation.
    case outcome(TaskResult, error: String?)
}
