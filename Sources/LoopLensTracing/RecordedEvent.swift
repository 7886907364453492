/// One raw observation of the tracing executor, before it is turned into trace events.
///
/// The executor sees jobs, not awaits: a task is enqueued (its first enqueue is its spawn), a
/// worker starts running it, and the job returns. Whether a returned job suspended or finished is
/// only known at the end, when a task's last slice turns out to be its last.
struct RecordedEvent {
    enum Kind: UInt8 {
        /// The task's first job was enqueued.
        case spawn
        /// A later job of the task was enqueued: its wait is over.
        case ready
        /// A worker started running the task's job.
        case resume
        /// The task's job returned to the worker.
        case sliceEnd
        /// The task marked its lane with a text.
        case mark
    }

    /// Monotonic nanoseconds, absolute.
    var time: Int64
    /// The task's index in the recording.
    var task: Int32
    var kind: Kind
    /// `ready`: the index of the traced task that woke it, or -1.
    /// `sliceEnd`: the index of the wait the task announced during the slice, or -1.
    /// `mark`: the index of its text.
    var argument: Int32
}
