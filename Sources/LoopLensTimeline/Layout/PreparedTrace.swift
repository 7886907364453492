import LoopLensTrace

/// A trace with what the layout needs computed once: per run the lanes in task-tree order and an
/// index of each task's events. Laying out a frame from a prepared trace costs the visible lanes,
/// columns and events, not the trace's size.
public struct PreparedTrace: Sendable {
    public let trace: Trace
    public private(set) var runs: [PreparedRun]

    /// Prepares every task of `trace`, or, given a lane pattern (``Viewport/lanes``), only the
    /// tasks whose lanes match it: a few lanes of a ten-million-task trace cost a few timelines.
    public init(_ trace: Trace, lanes pattern: String? = nil) {
        self.trace = trace
        self.runs = trace.runs.map { PreparedRun($0, lanes: pattern) }
    }

    /// The end of the longest run.
    public var duration: Nanoseconds { trace.runs.map(\.duration).max() ?? 0 }

    /// This trace with each run's critical path worked out, for a layout that shows it
    /// (``Viewport/showsCriticalPath``): one walk back over each run's events.
    public func withCriticalPaths() -> PreparedTrace {
        var copy = self
        for index in copy.runs.indices where copy.runs[index].criticalPath == nil {
            copy.runs[index].criticalPath = CriticalPath(of: runs[index].run, index: runs[index].events)
        }
        return copy
    }

    /// Whether a run's recording stopped before some of its prepared tasks finished (see
    /// ``CellStyle/cut``).
    public var hasCutTasks: Bool { runs.contains(where: \.hasCutTasks) }
}

/// One run with its lanes in task-tree order and an index of each prepared task's events, from
/// which a lane's states and marks are derived when it is drawn: for the window drawn, in time that
/// grows with the events in that window, not with the trace. Nothing per event is kept beyond the
/// index (4 bytes an event).
public struct PreparedRun: Sendable {
    public let run: Run
    /// Where each prepared task's events are: every task's, unless the run was prepared for a lane
    /// pattern.
    public let events: TaskEventIndex
    /// The prepared lanes in task-tree order: every lane, or those matching the lane pattern the
    /// run was prepared for.
    public let lanes: [Lane]
    /// Whether the recording stopped before some prepared tasks finished.
    let hasCutTasks: Bool
    /// The run's locks and semaphores, each drawn in a lane under the run's tasks.
    public let resources: [ResourceUse]
    /// The run's critical path, once worked out (``PreparedTrace/withCriticalPaths()``).
    public internal(set) var criticalPath: CriticalPath?
    /// The widest indented name of the prepared lanes, with Unicode and with ASCII glyphs.
    let widestLabel: (unicode: Int, ascii: Int)

    init(_ run: Run, lanes pattern: String?) {
        self.run = run
        if let pattern, !pattern.isEmpty {
            let filter = LaneFilter(pattern)
            lanes = run.lanes(of: run.tasks.indices.filter { filter.matches(run.tasks[$0].name) })
            events = TaskEventIndex(run, tasks: lanes.map(\.task))
        } else {
            events = TaskEventIndex(run)
            lanes = run.lanes(starts: run.taskStarts(events))
        }
        resources = run.resourceUses()
        let events = events
        hasCutTasks = run.recordedUntil == 0 && events.tasks.contains { run.ending(ofEvents: events.positions(of: $0)) == nil }
        widestLabel = (Self.widestLabel(of: lanes, in: run, glyphs: .unicode), Self.widestLabel(of: lanes, in: run, glyphs: .ascii))
    }

    /// The states of task `task`, which must have been prepared, over its whole life.
    public func timeline(of task: Int) -> TaskTimeline {
        run.taskTimeline(of: task, events: events.positions(of: task))
    }

    /// The states of task `task`, which must have been prepared, that overlap `window` (with the
    /// start, end and ending of its whole life).
    public func timeline(of task: Int, overlapping window: ClosedRange<Nanoseconds>) -> TaskTimeline {
        run.taskTimeline(of: task, events: events.positions(of: task), overlapping: window)
    }

    /// The marks of task `task` (which must have been prepared) within `window`, and the cut mark
    /// at its end when a finished recording left it unfinished.
    func marks(of task: Int, in window: ClosedRange<Nanoseconds>) -> [Mark] {
        Mark.marks(of: run, events: events.positions(of: task), in: window)
    }

    /// The widest indented name among `lanes`.
    static func widestLabel(of lanes: [Lane], in run: Run, glyphs: Glyphs) -> Int {
        lanes.lazy.map { 2 * $0.depth + DisplayWidth.of(glyphs.displayable(run.tasks[$0.task].name)) }.max() ?? 0
    }

    /// The lanes whose task name matches `pattern` (all of them without one).
    public func lanes(matching pattern: String?) -> [Lane] {
        guard let pattern, !pattern.isEmpty else { return lanes }
        let filter = LaneFilter(pattern)
        return lanes.filter { filter.matches(run.tasks[$0.task].name) }
    }
}
