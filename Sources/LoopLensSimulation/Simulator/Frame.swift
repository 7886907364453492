import LoopLensTrace

/// A list of steps being executed, and what leaving it does: a task's body, a `call`'s steps, or the
/// block of an `async with` (a lock, a semaphore, a timeout).
struct Frame {
    enum Exit: Hashable {
        case none
        case releaseLock(String)
        case releaseSemaphore(String)
        /// Leaving an `asyncio.timeout` block, by index: cancels its timer, or turns its cancellation
        /// into a TimeoutError.
        case endTimeout(Int)
    }

    var steps: [Step]
    var next = 0
    var exit: Exit = .none
}

/// An exception travelling up a task: an error raised by `fail`, or a cancellation.
enum Failure: Hashable {
    case error(String)
    case cancelled

    var result: TaskResult { self == .cancelled ? .cancelled : .error }
    /// The `error` of the `finish` event: the message of an error, nothing for a cancellation.
    var message: String? {
        switch self {
        case .error(let message): message
        case .cancelled: nil
        }
    }

    /// The `TimeoutError` an expired `asyncio.timeout(limit)` block raises.
    static func timeoutError(after limit: Nanoseconds) -> Failure {
        .error("TimeoutError after \(limit.formatted(.compact))")
    }
}
