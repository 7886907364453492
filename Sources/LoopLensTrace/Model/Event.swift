/// One event of a run, as read back from an ``EventLog``.
public struct Event: Sendable, Hashable {
    /// When it happened, in nanoseconds from the run's start.
    public var time: Nanoseconds
    /// The index of the task in its run's ``TaskTable``, or `nil` for a run-level event.
    public var task: Int?
    /// What happened.
    public var kind: EventKind
    /// The event's payload, if its kind has one.
    public var detail: EventDetail?

    public init(time: Nanoseconds, task: Int?, kind: EventKind, detail: EventDetail? = nil) {
        self.time = time
        self.task = task
        self.kind = kind
        self.detail = detail
    }
}
