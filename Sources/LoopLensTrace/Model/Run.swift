/// One execution of a program: its header, its tasks and its events in time order.
public struct Run: Sendable {
    /// The run's name, usually the execution (`sequential`, `concurrent`, `threads`, `processes`, `real`).
    public var name: String
    /// The title of the scenario or program that was run.
    public var scenario: String
    /// `virtual` for a simulated run, `monotonic` for a recorded one.
    public var clock: String
    /// A sentence about what to look at, if the producer gave one.
    public var about: String?
    /// The run's tasks.
    public var tasks = TaskTable()
    /// The run's events, in non-decreasing time order.
    public var events = EventLog()
    /// For a recorded run, the CLOCK_MONOTONIC reading at its t = 0, when the producer gives it
    /// (a trace written live does): how a viewer following the trace knows how far *now* is.
    public var origin: Nanoseconds?
    /// For a run still being recorded, how far the recording is known to have got (now): the run
    /// lasts at least this long, and its unfinished tasks extend to it. 0 otherwise.
    public var recordedUntil: Nanoseconds = 0

    public init(name: String, scenario: String, clock: String = "virtual", about: String? = nil) {
        self.name = name
        self.scenario = scenario
        self.clock = clock
        self.about = about
    }

    /// The run's total time: the time of its last event (or, while it is being recorded, now).
    public var duration: Nanoseconds { max(events.endTime, recordedUntil) }
}
