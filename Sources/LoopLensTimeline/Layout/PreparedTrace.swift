import LoopLensTrace

/// A trace with everything the layout derives from it computed once: per run the task timelines,
/// the lanes in task-tree order and the marks. Laying out a frame from a prepared trace costs the
/// visible lanes and columns, not the trace's size.
public struct PreparedTrace: Sendable {
    public let trace: Trace
    public let runs: [PreparedRun]

    /// Prepares every task of `trace`, or, given a lane pattern (``Viewport/lanes``), only the
    /// tasks whose lanes match it: a few lanes of a ten-million-task trace cost a few timelines.
    public init(_ trace: Trace, lanes pattern: String? = nil) {
        self.trace = trace
        self.runs = trace.runs.map { PreparedRun($0, lanes: pattern) }
    }

    /// The end of the longest run.
    public var duration: Nanoseconds { trace.runs.map(\.duration).max() ?? 0 }

    /// Whether a run's recording stopped before some of its prepared tasks finished (see
    /// ``CellStyle/cut``).
    public var hasCutTasks: Bool { runs.contains(where: \.hasCutTasks) }
}

/// One run with its derived timelines, lanes and marks.
public struct PreparedRun: Sendable {
    public let run: Run
    /// The state intervals of the prepared tasks: every task's, by index in the run, unless the
    /// run was prepared for a lane pattern. Look one up with ``timeline(of:)``.
    public let timelines: [TaskTimeline]
    /// Where each prepared task's timeline and marks are, when not every task was prepared.
    private let slotOfTask: [Int: Int]?
    /// The prepared lanes in task-tree order: every lane, or those matching the lane pattern the
    /// run was prepared for.
    public let lanes: [Lane]
    /// Per prepared task (as ``timelines``), its marks.
    private let marks: [[Mark]]
    /// Whether the recording stopped before some prepared tasks finished.
    let hasCutTasks: Bool
    /// The widest indented name of the prepared lanes, with Unicode and with ASCII glyphs.
    let widestLabel: (unicode: Int, ascii: Int)

    init(_ run: Run, lanes pattern: String?) {
        self.run = run
        if let pattern, !pattern.isEmpty {
            let filter = LaneFilter(pattern)
            lanes = run.lanes(of: run.tasks.indices.filter { filter.matches(run.tasks[$0].name) })
            slotOfTask = Dictionary(lanes.enumerated().map { ($1.task, $0) }) { first, _ in first }
            timelines = run.taskTimelines(of: lanes.map(\.task))
        } else {
            lanes = run.lanes(starts: run.taskStarts())
            slotOfTask = nil
            timelines = run.taskTimelines()
        }
        marks = Mark.marks(of: run, timelines: timelines, slotOfTask: slotOfTask)
        hasCutTasks = marks.contains { $0.last?.style == .cut }
        widestLabel = (Self.widestLabel(of: lanes, in: run, glyphs: .unicode), Self.widestLabel(of: lanes, in: run, glyphs: .ascii))
    }

    /// The state intervals of task `task`, which must have been prepared.
    public func timeline(of task: Int) -> TaskTimeline {
        timelines[slotOfTask.map { $0[task]! } ?? task]
    }

    /// The marks of task `task`, which must have been prepared.
    func marks(of task: Int) -> [Mark] {
        marks[slotOfTask.map { $0[task]! } ?? task]
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
