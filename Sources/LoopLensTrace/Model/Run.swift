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

    public init(name: String, scenario: String, clock: String = "virtual", about: String? = nil) {
        self.name = name
        self.scenario = scenario
        self.clock = clock
        self.about = about
    }

    /// The run's total time: the time of its last event.
    public var duration: Nanoseconds { events.endTime }
}
