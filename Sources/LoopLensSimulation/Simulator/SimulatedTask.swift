import DequeModule
import LoopLensTrace

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
}

/// A list of steps being executed, and what leaving it does.
struct Frame {
    enum Exit: Hashable {
        case none
        case releaseLock(String)
        case releaseSemaphore(String)
        /// Leaving an `asyncio.timeout` block: cancels its timer, or turns its cancellation into a TimeoutError.
        case endTimeout(Int)
    }

    var steps: [Step]
    var next = 0
    var exit: Exit = .none
}

/// What a waiting task waits for.
enum Wait {
    /// A timer (sleep, io, or a blocking call in synchronous code), by timer sequence number.
    case timer(Int)
    /// A lock; the frame is pushed when the lock is handed over.
    case lock(String, Frame)
    /// A semaphore; the frame is pushed when a slot is handed over.
    case semaphore(String, Frame)
    /// Another task; `raisesItsFailure` is false for synchronous `spawn`, which runs the child inline.
    case task(Int, raisesItsFailure: Bool)
    /// A gather, by index.
    case gather(Int)
    /// The GIL or a core, to run `cpu` for this long.
    case processor(Nanoseconds)
}

/// One task of a simulation.
struct SimulatedTask {
    enum Status { case ready, running, waiting, finished }

    var name: String
    var parent: Int?
    /// The worker pool this task queues on and, while it runs, holds a slot of.
    var pool: Int?
    var holdsPoolSlot = false
    var holdsProcessor = false
    var frames: [Frame]
    var status = Status.ready
    var wait: Wait?
    /// What it waits on, for `suspend`/`block` and `deadlock` events.
    var waitingOn: (reason: WaitReason, what: String)?
    /// An exception to raise when it next runs.
    var pendingFailure: Failure?
    /// Cancelled while running: the cancellation is delivered at its next wait.
    var cancelRequested = false
    var failure: Failure?
    /// Tasks waiting on this one (`await`, a synchronous spawn, to_thread).
    var awaiters: [Int] = []
    /// Gathers this task is a child of.
    var gathers: [Int] = []
    /// A to_thread job: it cannot be cancelled.
    var isThreadJob = false
}

/// An `await asyncio.gather(...)` in progress (or its synchronous equivalent).
struct GatherState {
    enum Style {
        /// asyncio: all scheduled; the first failure reaches the parent at once.
        case concurrent
        /// A pool (threads, processes): all submitted; the parent wakes when all are done.
        case pool
        /// Synchronous code: one after another on the parent's thread, stopping at the first failure.
        case inline
    }

    var parent: Int
    var style: Style
    var names: [String]
    var children: [Int] = []
    var remaining = 0
    /// Under the pool style: the failure of the earliest child (by position) that failed.
    var firstFailure: (position: Int, failure: Failure)?
    var finished = false
}

/// An `asyncio.timeout` block in progress.
struct TimeoutState {
    var task: Int
    var limit: Nanoseconds
    var timer: Int
    var expired = false
}

/// A lock: its owner and the FIFO queue of waiters.
struct LockState {
    var owner: Int?
    var waiters = Deque<Int>()
}

/// A counting semaphore.
struct SemaphoreState {
    var available: Int
    var waiters = Deque<Int>()
}

/// Workers that run tasks (the event loop, a thread pool, a process pool, the GIL) and the FIFO
/// queue of tasks ready for one.
struct WorkerPool {
    var capacity: Int
    var busy = 0
    var queue = Deque<Int>()

    var hasFreeWorker: Bool { busy < capacity }
}
