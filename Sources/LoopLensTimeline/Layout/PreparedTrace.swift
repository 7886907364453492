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
    /// The widest indented lane name, with Unicode and with ASCII glyphs.
    let widestLabel: (unicode: Int, ascii: Int)
    /// Which tasks are alive in each of ``bucketCount`` equal slices of the run: an index that
    /// answers ``tasksAlive(at:)`` without looking at every task.
    private let aliveByBucket: [[Int32]]
    private static let bucketCount = 1024

    init(_ run: Run) {
        self.run = run
        timelines = run.taskTimelines()
        lanes = run.lanes(timelines: timelines)
        marks = Mark.marks(of: run)
        widestLabel = (Self.widestLabel(of: lanes, in: run, glyphs: .unicode), Self.widestLabel(of: lanes, in: run, glyphs: .ascii))
        var buckets = [[Int32]](repeating: [], count: Self.bucketCount)
        let scale = TimeScale(start: 0, end: run.duration + 1, columns: Self.bucketCount)
        for timeline in timelines where !timeline.intervals.isEmpty {
            for bucket in scale.column(of: timeline.start)...scale.column(of: timeline.end) {
                buckets[bucket].append(Int32(timeline.task))
            }
        }
        aliveByBucket = buckets
    }

    /// The tasks whose life `[start, end]` may contain `time`, in task order (a superset: check
    /// their intervals).
    public func tasksAlive(at time: Nanoseconds) -> [Int] {
        guard time >= 0, time <= run.duration else { return [] }
        let scale = TimeScale(start: 0, end: run.duration + 1, columns: Self.bucketCount)
        return aliveByBucket[scale.column(of: time)].map(Int.init)
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
