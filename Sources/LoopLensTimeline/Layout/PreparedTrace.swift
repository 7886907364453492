import LoopLensTrace

/// A trace with everything the layout derives from it computed once: per run the task timelines,
/// the lanes in task-tree order and the marks. Laying out a frame from a prepared trace costs the
/// visible lanes and columns, not the trace's size.
public struct PreparedTrace: Sendable {
    public let trace: Trace
    public let runs: [PreparedRun]

    public init(_ trace: Trace) {
        self.trace = trace
        self.runs = trace.runs.map(PreparedRun.init)
    }

    /// The end of the longest run.
    public var duration: Nanoseconds { trace.runs.map(\.duration).max() ?? 0 }
}

/// One run with its derived timelines, lanes and marks.
public struct PreparedRun: Sendable {
    public let run: Run
    /// Per task (by index in the run), its state intervals.
    public let timelines: [TaskTimeline]
    /// Every lane, in task-tree order.
    public let lanes: [Lane]
    let marks: [[Mark]]

    init(_ run: Run) {
        self.run = run
        timelines = run.taskTimelines()
        lanes = run.lanes(timelines: timelines)
        marks = Mark.marks(of: run)
    }

    /// The lanes whose task name matches `pattern` (all of them without one).
    public func lanes(matching pattern: String?) -> [Lane] {
        guard let pattern, !pattern.isEmpty else { return lanes }
        let filter = LaneFilter(pattern)
        return lanes.filter { filter.matches(run.tasks[$0.task].name) }
    }
}
