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

    /// Whether a run's recording stopped before some of its tasks finished (see ``CellStyle/cut``).
    public var hasCutTasks: Bool { runs.contains(where: \.hasCutTasks) }
}

/// One run with its derived timelines, lanes and marks.
public struct PreparedRun: Sendable {
    public let run: Run
    /// Per task (by index in the run), its state intervals.
    public let timelines: [TaskTimeline]
    /// Every lane, in task-tree order.
    public let lanes: [Lane]
    let marks: [[Mark]]
    /// Whether the recording stopped before some tasks finished.
    let hasCutTasks: Bool
    /// The widest indented lane name, with Unicode and with ASCII glyphs.
    let widestLabel: (unicode: Int, ascii: Int)

    init(_ run: Run) {
        self.run = run
        timelines = run.taskTimelines()
        lanes = run.lanes(timelines: timelines)
        marks = Mark.marks(of: run, timelines: timelines)
        hasCutTasks = marks.contains { $0.last?.style == .cut }
        widestLabel = (Self.widestLabel(of: lanes, in: run, glyphs: .unicode), Self.widestLabel(of: lanes, in: run, glyphs: .ascii))
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
