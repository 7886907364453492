import LoopLensTrace

/// Collects a run's lanes and events as a simulation produces them.
///
/// An event may be stamped earlier than events already recorded: a wait that ended while the loop
/// was busy is `ready` from the instant it ended, which the loop only learns later. ``finish()``
/// orders the events by time, keeping the order they were recorded in among equal times.
///
/// Past `limit` events the recorder is ``isFull``: the engines stop there, and ``finish()`` throws.
///
/// The events wait in columns, 17 bytes each (a payload is stored once, in the run's log), not as
/// `Event` values, which would take 64.
struct EventRecorder {
    private var run: Run
    private let execution: Execution
    private let limit: Int
    private let progress: Simulator.Progress?
    private var times: [Nanoseconds] = []
    private var lanes: [Int32] = []
    private var kinds: [EventKind] = []
    /// Each event's payload number in the run's log, or -1.
    private var payloads: [Int32] = []
    private var latest: Nanoseconds = 0
    private var inOrder = true

    init(execution: Execution, scenario: Scenario, limit: Int, progress: Simulator.Progress?) {
        run = Run(name: execution.rawValue, scenario: scenario.title, clock: "virtual", about: scenario.about)
        self.execution = execution
        self.limit = limit
        self.progress = progress
    }

    /// Whether more than `limit` events were recorded: the simulation must stop.
    var isFull: Bool { times.count > limit }

    /// Adds a lane (a task, or a worker thread's job) and returns its index.
    mutating func addLane(named name: String, parent: Int?) -> Int {
        let index = run.tasks.count
        run.tasks.add(id: index, name: name, parent: parent)
        return index
    }

    mutating func record(_ lane: Int?, _ kind: EventKind, _ detail: EventDetail? = nil, at time: Nanoseconds) {
        if time < latest { inOrder = false }
        latest = max(latest, time)
        times.append(time)
        lanes.append(lane.map(Int32.init) ?? -1)
        kinds.append(kind)
        payloads.append(detail.map { run.events.index(of: $0) } ?? -1)
        if times.count & 0xFFFF == 0 { progress?(execution, times.count, latest) }
    }

    /// The run, its events in time order.
    ///
    /// - Throws: ``EventLimitExceeded`` when the run recorded more than `limit` events.
    consuming func finish() throws(EventLimitExceeded) -> Run {
        guard !isFull else { throw EventLimitExceeded(execution: execution, limit: limit, time: latest) }
        var order = Array(Int32(0)..<Int32(times.count))
        if !inOrder {
            // Swift's sort is not documented as stable: order by (time, position) explicitly.
            order.sort { (times[Int($0)], $0) < (times[Int($1)], $1) }
        }
        for index in order.lazy.map(Int.init) {
            let lane = lanes[index] < 0 ? nil : Int(lanes[index])
            run.events.append(time: times[index], task: lane, kind: kinds[index], detail: payloads[index])
        }
        run.events.forgetPayloadLookup()
        return run
    }
}
