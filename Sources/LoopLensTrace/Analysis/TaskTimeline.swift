/// How a task's life ended, if it did.
public enum TaskEnding: Sendable, Hashable {
    /// A `finish` event: ok, error or cancelled, with the error message.
    case finished(TaskResult, error: String?)
    /// A `deadlock` event: the task was still waiting on this when the run ended.
    case deadlocked(on: WaitReason, what: String)

    /// The ending `event` records, if it is a `finish` or a `deadlock`.
    public init?(_ event: Event) {
        switch (event.kind, event.detail) {
        case (.finish, .outcome(let result, let error)?): self = .finished(result, error: error)
        case (.finish, _): self = .finished(.ok, error: nil)
        case (.deadlock, .wait(let reason, let what)?): self = .deadlocked(on: reason, what: what)
        case (.deadlock, _): self = .deadlocked(on: .other, what: "")
        default: return nil
        }
    }
}

/// One task's life as a sequence of state intervals that tile `[start, end]` with no gap or overlap.
public struct TaskTimeline: Sendable, Hashable {
    /// The task's index in its run's ``TaskTable``.
    public var task: Int
    /// When the task was spawned (or first seen).
    public var start: Nanoseconds
    /// When it first ran, if it ever did.
    public var firstResume: Nanoseconds?
    /// When it finished or deadlocked; the run's end if neither was recorded.
    public var end: Nanoseconds
    /// How it ended, if the trace says.
    public var ending: TaskEnding?
    /// The state intervals, in time order; none is empty.
    public var intervals: [StateInterval]

    /// Total time spent in each drawing category.
    public func time(in category: TaskState.Category) -> Nanoseconds {
        intervals.lazy.filter { $0.state.category == category }.reduce(0) { $0 + $1.duration }
    }

    /// Total time spent waiting (suspended or blocked), by what it waited on.
    public var waitingTimeByReason: [WaitReason: Nanoseconds] {
        var totals: [WaitReason: Nanoseconds] = [:]
        for interval in intervals {
            switch interval.state {
            case .waiting(let reason), .blocked(let reason):
                totals[reason, default: 0] += interval.duration
            case .running, .ready:
                continue
            }
        }
        return totals
    }
}

/// One task's life and its time in each state, without the intervals: what a summary needs.
public struct TaskTotals: Sendable, Hashable {
    /// The task's index in its run's ``TaskTable``.
    public var task: Int
    /// When the task was spawned (or first seen).
    public var start: Nanoseconds
    /// When it first ran, if it ever did.
    public var firstResume: Nanoseconds?
    /// When it finished or deadlocked; the run's end if neither was recorded.
    public var end: Nanoseconds
    /// How it ended, if the trace says.
    public var ending: TaskEnding?
    public var running: Nanoseconds
    public var ready: Nanoseconds
    public var waiting: Nanoseconds
}

extension Run {
    /// Derives every task's state intervals from the events, in one pass over the log.
    public func taskTimelines() -> [TaskTimeline] {
        var loopWaits: [Nanoseconds]? = nil
        return foldedTasks(keepingIntervals: true, loopWaits: &loopWaits).map { $0.finish(runEnd: duration) }
    }

    /// Every task's life and time per state, in one pass over the log, keeping no intervals.
    public func taskTotals() -> [TaskTotals] {
        var loopWaits: [Nanoseconds]? = nil
        return totals(of: foldedTasks(keepingIntervals: false, loopWaits: &loopWaits))
    }

    /// ``taskTotals()``, and every wait of a ready task for the loop (or a worker) to run it, from
    /// becoming ready to running, in the order the waits ended: one pass over the log.
    public func taskTotalsAndLoopWaits() -> (tasks: [TaskTotals], loopWaits: [Nanoseconds]) {
        var loopWaits: [Nanoseconds]? = []
        let builders = foldedTasks(keepingIntervals: false, loopWaits: &loopWaits)
        return (totals(of: builders), loopWaits ?? [])
    }

    private func totals(of builders: [TimelineBuilder]) -> [TaskTotals] {
        builders.map { builder in
            let timeline = builder.finish(runEnd: duration)
            let totals = builder.finishedTotals(runEnd: duration)
            return TaskTotals(
                task: timeline.task, start: timeline.start, firstResume: timeline.firstResume, end: timeline.end, ending: timeline.ending,
                running: totals.running, ready: totals.ready, waiting: totals.waiting)
        }
    }

    /// Every task's events folded, in one pass over the log; the waits for the loop are collected
    /// in `loopWaits` unless it is `nil`.
    private func foldedTasks(keepingIntervals: Bool, loopWaits: inout [Nanoseconds]?) -> [TimelineBuilder] {
        var builders = tasks.indices.map { TimelineBuilder(task: $0, keepsIntervals: keepingIntervals) }
        for position in events.indices {
            guard let task = events.task(at: position), builders.indices.contains(task) else { continue }
            if let wait = builders[task].apply(events[position]) { loopWaits?.append(wait) }
        }
        return builders
    }

    /// How and when the task whose events lie at `positions` ended, if its last event ends it
    /// (a `finish` or a `deadlock`; the reader leaves out anything after one).
    public func ending(ofEvents positions: ArraySlice<Int32>) -> (ending: TaskEnding, time: Nanoseconds)? {
        guard let last = positions.last, let ending = TaskEnding(events[Int(last)]) else { return nil }
        return (ending, events.time(at: Int(last)))
    }

    /// How many of the events at `positions` come at or before `time`: a binary search.
    private func eventCount(in positions: ArraySlice<Int32>, atOrBefore time: Nanoseconds) -> Int {
        var low = positions.startIndex
        var high = positions.endIndex
        while low < high {
            let middle = (low + high) / 2
            if events.time(at: Int(positions[middle])) <= time { low = middle + 1 } else { high = middle }
        }
        return low - positions.startIndex
    }

    /// Each wait of the task whose events are at `positions` to run once ready (see
    /// ``taskTotalsAndLoopWaits()``), in order.
    public func loopWaits(ofEvents positions: ArraySlice<Int32>) -> [Nanoseconds] {
        var builder = TimelineBuilder(task: 0, keepsIntervals: false)
        return positions.compactMap { builder.apply(events[Int($0)]) }
    }

    /// The state intervals of `task`, from its events at `positions` (see ``TaskEventIndex``).
    public func taskTimeline(of task: Int, events positions: ArraySlice<Int32>) -> TaskTimeline {
        var builder = TimelineBuilder(task: task)
        for position in positions { builder.apply(events[Int(position)]) }
        return builder.finish(runEnd: duration)
    }

    /// The state intervals of `task` that overlap `window` (its start, end, first resume and ending
    /// are those of its whole life), from its events at `positions` (see ``TaskEventIndex``): a
    /// binary search finds the window, so a task with millions of events costs the events in it.
    public func taskTimeline(
        of task: Int, events positions: ArraySlice<Int32>, overlapping window: ClosedRange<Nanoseconds>
    ) -> TaskTimeline {
        guard let first = positions.first else { return taskTimeline(of: task, events: positions) }
        // The last event at or before the window's start that sets a state (a print does not).
        var from = max(positions.startIndex, positions.startIndex + eventCount(in: positions, atOrBefore: window.lowerBound) - 1)
        while from > positions.startIndex, !events.kind(at: Int(positions[from])).setsState { from -= 1 }
        var builder = TimelineBuilder(task: task)
        builder.start = events.time(at: Int(first))
        builder.firstResume = positions.lazy.map(Int.init).first { self.events.kind(at: $0) == .resume }.map(events.time(at:))
        for position in positions[from...] {
            let event = events[Int(position)]
            builder.apply(event)
            // One event past the window closes the interval that crosses its end.
            if event.time > window.upperBound { break }
        }
        var timeline = builder.finish(runEnd: duration)
        if let (ending, time) = ending(ofEvents: positions) {
            timeline.ending = ending
            timeline.end = time
        }
        return timeline
    }

    /// When each task was first seen (its first event in `index`), or the run's end for a task
    /// with none: the ``TaskTimeline/start`` of every task, without deriving its intervals.
    public func taskStarts(_ index: TaskEventIndex) -> [Nanoseconds] {
        tasks.indices.map { task in index.positions(of: task).first.map { events.time(at: Int($0)) } ?? duration }
    }
}

extension TaskState {
    /// The state `event` puts its task in, and what it waits on: `nil` for an event that changes
    /// no state (a print) or ends the task.
    public static func entered(by event: Event) -> (state: TaskState, what: String?)? {
        switch Category(enteredBy: event.kind) {
        case .ready?: (.ready, nil)
        case .running?: (.running, nil)
        case .waiting?:
            if case .wait(let reason, let what) = event.detail {
                (event.kind == .suspend ? .waiting(reason) : .blocked(reason), what)
            } else {
                (event.kind == .suspend ? .waiting(.other) : .blocked(.other), "")
            }
        case nil: nil
        }
    }
}

extension TaskState.Category {
    /// How the state an event of `kind` puts its task in is drawn: `nil` for an event that changes
    /// no state (a print) or ends the task.
    public init?(enteredBy kind: EventKind) {
        switch kind {
        case .spawn, .ready: self = .ready
        case .resume, .unblock: self = .running
        case .suspend, .block: self = .waiting
        case .print, .finish, .deadlock, .acquire, .release: return nil
        }
    }
}

/// Folds one task's events into intervals.
private struct TimelineBuilder {
    let task: Int
    var start: Nanoseconds?
    var firstResume: Nanoseconds?
    var ending: TaskEnding?
    var endTime: Nanoseconds?
    var current: (since: Nanoseconds, state: TaskState, what: String?)?
    var intervals: [StateInterval] = []
    /// Whether `intervals` are kept, or only the time per category in `totals`.
    let keepsIntervals: Bool
    var totals: (running: Nanoseconds, ready: Nanoseconds, waiting: Nanoseconds) = (0, 0, 0)

    init(task: Int, keepsIntervals: Bool = true) {
        self.task = task
        self.keepsIntervals = keepsIntervals
    }

    /// Folds in the task's next event; returns how long the task had been ready when the event
    /// makes it run (a wait for the loop, possibly 0), or `nil`.
    @discardableResult
    mutating func apply(_ event: Event) -> Nanoseconds? {
        guard endTime == nil else { return nil }
        if start == nil { start = event.time }
        if event.kind == .resume, firstResume == nil { firstResume = event.time }
        if let ending = TaskEnding(event) {
            self.ending = ending
            close(at: event.time)
        } else if let (state, what) = TaskState.entered(by: event), event.kind != .spawn || current == nil {
            // A spawn sets only a task's first state.
            let wasReady = current.map { $0.state == .ready ? $0.since : nil } ?? nil
            enter(state, at: event.time, what: what)
            if let wasReady, state == .running { return event.time - wasReady }
        }
        return nil
    }

    private mutating func enter(_ state: TaskState, at time: Nanoseconds, what: String? = nil) {
        if let current, current.state == state, current.what == what { return }
        flush(until: time)
        current = (time, state, what)
    }

    private mutating func flush(until time: Nanoseconds) {
        guard let current, time > current.since else { return }
        switch current.state.category {
        case .running: totals.running += time - current.since
        case .ready: totals.ready += time - current.since
        case .waiting: totals.waiting += time - current.since
        }
        if keepsIntervals { intervals.append(StateInterval(start: current.since, end: time, state: current.state, what: current.what)) }
    }

    private mutating func close(at time: Nanoseconds) {
        flush(until: time)
        current = nil
        endTime = time
    }

    /// The time per category once the task is closed at its end (see ``finish(runEnd:)``).
    func finishedTotals(runEnd: Nanoseconds) -> (running: Nanoseconds, ready: Nanoseconds, waiting: Nanoseconds) {
        closed(runEnd: runEnd).builder.totals
    }

    func finish(runEnd: Nanoseconds) -> TaskTimeline {
        let (closed, end) = closed(runEnd: runEnd)
        return TaskTimeline(
            task: task, start: start ?? end, firstResume: firstResume, end: end, ending: ending, intervals: closed.intervals)
    }

    /// This builder with the task's last state closed at its end: its own, or else the run's.
    private func closed(runEnd: Nanoseconds) -> (builder: TimelineBuilder, end: Nanoseconds) {
        var copy = self
        let end = endTime ?? max(runEnd, start ?? runEnd)
        if endTime == nil { copy.flush(until: end) }
        return (copy, end)
    }
}
