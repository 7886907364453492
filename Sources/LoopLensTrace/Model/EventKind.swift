/// What happened to a task at one instant. The raw values are the `ev` field of the trace format.
public enum EventKind: String, Sendable, CaseIterable, Hashable {
    /// The task was created (`name`, `parent`). It is ready until its first `resume`.
    case spawn
    /// The task starts or continues running; the first resume is its start.
    case resume
    /// The task stopped at an await that really suspends (`on`, `what`).
    case suspend
    /// The task's wait is over: it is runnable, but may still wait for the loop (`by`).
    case ready
    /// Synchronous code: the task's thread waits, holding it (`on`, `what`).
    case block
    /// Synchronous code: the thread's wait is over and it runs on (`by`).
    case unblock
    /// The task printed a line (`text`).
    case print
    /// The task ended (`result`, and `error` for a failure).
    case finish
    /// The run ended with this task waiting forever (`on`, `what`).
    case deadlock
    /// The task took a lock or a semaphore's permit (`on`, `what`). It changes no state: what it
    /// changes is the resource's lane.
    case acquire
    /// The task gave a lock or a semaphore's permit back (`on`, `what`).
    case release

    /// Whether the event changes its task's state (or ends it): every kind but a print and taking
    /// or giving back a resource, which happen while the task runs.
    public var setsState: Bool {
        switch self {
        case .print, .acquire, .release: false
        case .spawn, .resume, .suspend, .ready, .block, .unblock, .finish, .deadlock: true
        }
    }
}

/// What a suspended or blocked task waits on: the `on` field of the trace format.
public enum WaitReason: String, Sendable, CaseIterable, Hashable {
    case sleep, io, lock, semaphore, task, gather, thread, timeout, event, queue
    /// Waiting for a processor: the GIL, a core, or a pool worker.
    case cpu
    /// Anything a trace names that is none of the above.
    case other
}

/// How a task ended: the `result` field of a `finish` event.
public enum TaskResult: String, Sendable, CaseIterable, Hashable {
    case ok, error, cancelled
}
