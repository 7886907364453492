/// Who runs, who is ready and who waits at any instant of a run, answered at the cost of the tasks
/// named, not of the tasks alive: the TUI's footer asks at every frame, and a real service has
/// hundreds of thousands of tasks. Built in one pass over the log; it keeps 8 bytes per state
/// interval (see ``SpanList``) and one per event.
///
/// The states are those of ``Run/taskTimelines()``: an interval runs from where a task's state (or
/// what it waits on) changed to where it changed next; a task that never ended keeps its last state
/// to the run's end.
public struct StateOccupancy: Sendable {
    /// A task in a state at an instant.
    public struct Occupant: Sendable, Hashable {
        public var task: Int
        public var state: TaskState
        /// When the task entered this state.
        public var since: Nanoseconds
        /// What it waits on, for the waiting and blocked states.
        public var what: String?

        public init(task: Int, state: TaskState, since: Nanoseconds, what: String?) {
            self.task = task
            self.state = state
            self.since = since
            self.what = what
        }
    }

    private let run: Run
    /// The spans of each ``TaskState/Category``, by its raw value − 1.
    private let spans: [SpanList]
    /// Per event, the category of the span it closes (low two bits) and of the one it opens (the
    /// next two), 0 for none: replayed from a checkpoint to count the tasks in a state.
    private let changes: [UInt8]
    /// How many tasks are in each category after every ``checkpointInterval`` events: three
    /// counts per checkpoint, from after none.
    private let checkpoints: [Int32]
    private static let checkpointInterval = 1_024

    public init(_ run: Run) {
        self.run = run
        let events = run.events
        var spans = [SpanList](repeating: SpanList(), count: TaskState.Category.allCases.count)
        // Per task: its open span's category (0: no state yet; `ended`: finished) and number.
        let ended: UInt8 = .max
        var category = [UInt8](repeating: 0, count: run.tasks.count)
        var openSpan = [Int](repeating: -1, count: run.tasks.count)
        var changes = [UInt8](repeating: 0, count: events.count)
        var counts: [Int32] = [0, 0, 0]
        var checkpoints: [Int32] = []
        checkpoints.reserveCapacity(3 * (events.count / Self.checkpointInterval + 1))
        for position in events.indices {
            if position % Self.checkpointInterval == 0 { checkpoints += counts }
            defer { Self.apply(changes[position], to: &counts) }
            guard let task = events.task(at: position), task < category.count, category[task] != ended else { continue }
            let current = Int(category[task])
            func closeOpenSpan() {
                guard current > 0 else { return }
                spans[current - 1].close(openSpan[task], at: Int32(position))
                changes[position] = UInt8(current)
            }
            let kind = events.kind(at: position)
            if kind == .finish || kind == .deadlock {
                closeOpenSpan()
                category[task] = ended
                continue
            }
            // A spawn sets only a task's first state.
            guard let next = TaskState.Category(enteredBy: kind), kind != .spawn || current == 0 else { continue }
            if current == next.rawValue {
                // Running and ready have one state each; a wait continues if it is the same wait.
                guard next == .waiting else { continue }
                let start = Int(spans[current - 1].starts[openSpan[task]])
                let sameWait =
                    events.kind(at: start) == kind
                    && (events.payloadNumber(at: start) == events.payloadNumber(at: position)
                        || events[start].detail == events[position].detail)
                if sameWait { continue }
            }
            closeOpenSpan()
            category[task] = UInt8(next.rawValue)
            openSpan[task] = spans[next.rawValue - 1].open(at: Int32(position))
            changes[position] |= UInt8(next.rawValue) << 2
        }
        for index in spans.indices { spans[index].finish() }
        (self.spans, self.changes, self.checkpoints) = (spans, changes, checkpoints)
    }

    /// Counts the span closed and the span opened by one event's `change`.
    private static func apply(_ change: UInt8, to counts: inout [Int32]) {
        if change & 3 != 0 { counts[Int(change & 3) - 1] -= 1 }
        if change >> 2 != 0 { counts[Int(change >> 2) - 1] += 1 }
    }

    /// How many tasks are in `category` at `time`: a checkpoint's counts, and the changes since.
    public func count(_ category: TaskState.Category, at time: Nanoseconds) -> Int {
        guard let position = lastEvent(atOrBefore: time).map(Int.init) else { return 0 }
        let checkpoint = position / Self.checkpointInterval
        var counts = Array(checkpoints[3 * checkpoint..<3 * checkpoint + 3])
        for change in changes[checkpoint * Self.checkpointInterval...position] { Self.apply(change, to: &counts) }
        return Int(counts[category.rawValue - 1])
    }

    /// The tasks in `category` at `time`, in the order they entered it (for the ready state, the
    /// order the loop takes them in), at most `limit` of them.
    public func occupants(_ category: TaskState.Category, at time: Nanoseconds, limit: Int = .max) -> [Occupant] {
        guard limit > 0, let position = lastEvent(atOrBefore: time) else { return [] }
        let spans = spans[category.rawValue - 1]
        var occupants: [Occupant] = []
        spans.forEachSpan(holding: position) { span in
            let start = Int(spans.starts[span])
            let event = run.events[start]
            if let task = event.task, let (state, what) = TaskState.entered(by: event) {
                occupants.append(Occupant(task: task, state: state, since: event.time, what: what))
            }
            return occupants.count < limit
        }
        return occupants
    }

    /// The position of the run's last event at or before `time`, if `time` is within the run.
    private func lastEvent(atOrBefore time: Nanoseconds) -> Int32? {
        guard time <= run.duration else { return nil }
        var low = 0
        var high = run.events.count
        while low < high {
            let middle = (low + high) / 2
            if run.events.time(at: middle) <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : Int32(low - 1)
    }
}
