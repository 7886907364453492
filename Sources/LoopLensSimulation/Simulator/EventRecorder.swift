import LoopLensTrace

/// Collects a run's lanes and events as a simulation produces them.
///
/// An event may be stamped earlier than events already recorded: a wait that ended while the loop
/// was busy is `ready` from the instant it ended, which the loop only learns later. ``finish()``
/// orders the events by time, keeping the order they were recorded in among equal times.
struct EventRecorder {
    private var run: Run
    private var events: [Event] = []
    private var latest: Nanoseconds = 0
    private var inOrder = true

    init(execution: Execution, scenario: Scenario) {
        run = Run(name: execution.rawValue, scenario: scenario.title, clock: "virtual", about: scenario.about)
    }

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
    }

    /// The run, its events in time order.
    consuming func finish() -> Run {
        if !inOrder {
            // Swift's sort is not documented as stable: order by (time, position) explicitly.
            events = events.indices.sorted { (events[$0].time, $0) < (events[$1].time, $1) }.map { events[$0] }
        }
        for event in events { run.events.append(event) }
        return run
    }
}
