import LoopLensTrace

/// Collects a run's lanes and events as a simulation produces them.
///
/// An event may be stamped earlier than events already recorded: a wait that ended while the loop
/// was busy is `ready` from the instant it ended, which the loop only learns later. ``finish()``
/// orders the events by time, keeping the order they were recorded in among equal times.
///
/// Past `limit` events the recorder is ``isFull``: the engines stop there, and ``finish()`` throws.
struct EventRecorder {
    private var run: Run
    private let execution: Execution
    private let limit: Int
    private let progress: Simulator.Progress?
    private var events: [Event] = []
    private var latest: Nanoseconds = 0
    private var inOrder = true

    init(execution: Execution, scenario: Scenario, limit: Int, progress: Simulator.Progress?) {
        run = Run(name: execution.rawValue, scenario: scenario.title, clock: "virtual", about: scenario.about)
        self.execution = execution
        self.limit = limit
        self.progress = progress
    }

    /// Whether more than `limit` events were recorded: the simulation must stop.
    var isFull: Bool { events.count > limit }

    /// Adds a lane (a task, or a worker thread's job) and returns its index.
    mutating func addLane(named name: String, parent: Int?) -> Int {
        let index = run.tasks.count
        run.tasks.add(id: index, name: name, parent: parent)
        return index
    }

    mutating func record(_ lane: Int?, _ kind: EventKind, _ detail: EventDetail? = nil, at time: Nanoseconds) {
        if time < latest { inOrder = false }
        latest = max(latest, time)
        events.append(Event(time: time, task: lane, kind: kind, detail: detail))
        if events.count & 0xFFFF == 0 { progress?(execution, events.count, latest) }
    }

    /// The run, its events in time order.
    ///
    /// - Throws: ``EventLimitExceeded`` when the run recorded more than `limit` events.
    consuming func finish() throws(EventLimitExceeded) -> Run {
        guard !isFull else { throw EventLimitExceeded(execution: execution, limit: limit, time: latest) }
        if !inOrder {
            // Swift's sort is not documented as stable: order by (time, position) explicitly.
            events = events.indices.sorted { (events[$0].time, $0) < (events[$1].time, $1) }.map { events[$0] }
        }
        for event in events { run.events.append(event) }
        return run
    }
}
