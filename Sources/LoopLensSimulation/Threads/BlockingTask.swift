import DequeModule
import LoopLensTrace

/// What a blocked task waits for.
enum Wait {
    /// A timer (sleep, io, a blocking call), by timer sequence number.
    case timer(Int)
    /// A lock; the frame is pushed when the lock is handed over.
    case lock(String, Frame)
    /// A semaphore; the frame is pushed when a slot is handed over.
    case semaphore(String, Frame)
    /// An event to be set.
    case event(String)
    /// Room in a queue, to put an item.
    case put(String)
    /// An item in a queue.
    case get(String)
    /// Another task; `raisesItsFailure` is false for `spawn`, which runs the child there and then.
    case task(Int, raisesItsFailure: Bool)
    /// A gather, by index.
    case gather(Int)
    /// The GIL or a core, to compute for this long.
    case processor(Nanoseconds)
}

/// One task (or thread job) of a blocking execution.
struct BlockingTask {
    enum Status { case ready, running, waiting, finished }

    var name: String
    var parent: Int?
    /// The worker pool this task queues on and, while it runs, holds a slot of.
    var pool: Int?
    var holdsPoolSlot = false
    var holdsProcessor = false
    /// The `cpu` step in progress: when it ends, and its timer.
    var computing: (end: Nanoseconds, timer: Int)?
    var frames: [Frame]
    var status = Status.ready
    var wait: Wait?
    /// What it waits on, for `block` and `deadlock` events.
    var waitingOn: (reason: WaitReason, what: String)?
    /// An exception to raise when it next runs.
    var pendingFailure: Failure?
    /// Cancelled while running: the cancellation is delivered at its next wait.
    var cancelRequested = false
    var failure: Failure?
    /// Tasks waiting on this one (`await`, `spawn`, `to_thread`).
    var awaiters: [Int] = []
    /// Gathers this task is a child of.
    var gathers: [Int] = []
}

/// A gather in progress: in turn on the caller's thread, or submitted to a pool.
struct GatherState {
    enum Style {
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

/// A timeout block in progress.
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

/// Workers that run tasks (the main thread, a thread pool, a process pool) and the FIFO queue of
/// tasks ready for one.
struct WorkerPool {
    var capacity: Int
    var busy = 0
    var queue = Deque<Int>()

    var hasFreeWorker: Bool { busy < capacity }
}

/// What `cpu` steps need under `threads`: the GIL (one holder), or with `gil: false` one of
/// `cores`. A thread holds it until it blocks or ends. Under the GIL, a thread that has waited a
/// switch interval makes a holder that is computing drop it, as CPython's `take_gil` does, so
/// CPU-bound threads take turns in slices of that length; the waiters get it first in, first out.
struct Processor {
    var capacity: Int
    var holders: [Int] = []
    var queue = Deque<Int>()
    /// The GIL's switch interval; nil for cores, which are not sliced.
    let switchInterval: Nanoseconds?
    var switchTimer: Int?

    init(capacity: Int, switchInterval: Nanoseconds?) {
        self.capacity = capacity
        self.switchInterval = switchInterval
    }

    var hasFree: Bool { holders.count < capacity }
}
