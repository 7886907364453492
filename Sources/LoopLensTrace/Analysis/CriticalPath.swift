/// The chain of running, ready and waiting that decided a run's total time, walked back from its
/// end: the task that ended last, what its last wait waited on, what ended that wait, and so on
/// back to the start. Shortening anything off the chain cannot make the run shorter.
///
/// What ended a wait comes from the trace: a wake `by: "task X"` leads to X's end, a gather's to
/// the gathered task that ended last; a wake by a resource (a lock released, a semaphore, an event
/// set, a queue item put) leads to the task that was running when it came, if another task was; a
/// timer, I/O or anything else leaves the wait itself on the path. A task's start leads to its
/// parent, which spawned it.
public struct CriticalPath: Sendable, Hashable {
    /// One stretch of the chain: a task in one state.
    public struct Segment: Sendable, Hashable {
        public var task: Int
        public var state: TaskState
        /// What a waiting task waits on.
        public var what: String?
        public var start: Nanoseconds
        public var end: Nanoseconds

        public var duration: Nanoseconds { end - start }
    }

    /// The segments in time order; they tile the run from the first one's start to its end.
    public let segments: [Segment]

    /// The path as one timeline of its stretches, whichever task each is in: what a layout draws
    /// in the path's own row.
    public var timeline: TaskTimeline {
        let intervals = segments.filter { $0.duration > 0 }.map {
            StateInterval(start: $0.start, end: $0.end, state: $0.state, what: $0.what)
        }
        return TaskTimeline(
            task: -1, start: segments.first?.start ?? 0, firstResume: nil, end: segments.last?.end ?? 0, ending: nil, intervals: intervals)
    }

    /// The critical path of `run`, using `index` when it holds every task's events.
    public init(of run: Run, index given: TaskEventIndex? = nil) {
        let index = given.flatMap { $0.tasks.count == run.tasks.count ? $0 : nil } ?? TaskEventIndex(run)
        let events = run.events
        var segments: [Segment] = []
        // Where the walk stands: task `task`, before its event `count` (of its events in `index`),
        // at time `time`; the task's state until `time` was entered by an earlier event.
        guard let last = events.indices.last(where: { events.task(at: $0) != nil }), var task = events.task(at: last) else {
            self.segments = []
            return
        }
        var count = index.positions(of: task).count
        var time = run.duration
        // Tasks by name, to find who `by: "task X"` and a gather's list name without a search each time.
        let tasksNamed = Dictionary(grouping: run.tasks.indices) { run.tasks[$0].name }
        /// How many of `task`'s events come before the log's position `position`.
        func eventsOf(_ task: Int, before position: Int) -> Int {
            let positions = index.positions(of: task)
            var low = positions.startIndex
            var high = positions.endIndex
            while low < high {
                let middle = (low + high) / 2
                if Int(positions[middle]) < position { low = middle + 1 } else { high = middle }
            }
            return low - positions.startIndex
        }
        while count > 0 {
            let positions = index.positions(of: task)
            let position = Int(positions[positions.startIndex + count - 1])
            count -= 1
            // A print or an acquisition happens within a state: the walk passes over it.
            guard events.kind(at: position).setsState else { continue }
            let event = events[position]
            if event.kind == .finish || event.kind == .deadlock {
                time = event.time
                continue
            }
            if let (state, what) = TaskState.entered(by: event) {
                segments.append(Segment(task: task, state: state, what: what, start: event.time, end: time))
            }
            time = event.time
            // How the walk got here: what made the task enter this state.
            switch (event.kind, event.detail) {
            case (.spawn, _):
                guard let parent = run.tasks[task].parent else { count = 0; continue }
                (task, count) = (parent, eventsOf(parent, before: position))
            case (.ready, .wake(let by)?), (.unblock, .wake(let by)?):
                if let waker = Self.waker(of: task, by: by, at: position, before: count, in: run, index, tasksNamed: tasksNamed) {
                    (task, count) = (waker, eventsOf(waker, before: position))
                }
            default: continue
            }
        }
        self.segments = Self.merged(segments.reversed())
    }

    /// The task that ended the wait of `task` woken `by` at the log's `position` (its event
    /// number `count`): the task named in `by: "task X"`; for a gather, the gathered task that
    /// ended last; otherwise the task running when the wake came (it released the lock, set the
    /// event, put the item). `nil` when the wait ended by itself (a timer, I/O) or the loop was idle.
    private static func waker(
        of task: Int, by: String, at position: Int, before count: Int, in run: Run, _ index: TaskEventIndex, tasksNamed: [String: [Int]]
    ) -> Int? {
        /// The last task named in `names` to have ended before `position`.
        func lastToEnd(of names: Set<String>) -> Int? {
            names.flatMap { tasksNamed[$0] ?? [] }
                .compactMap { task in index.positions(of: task).last.map { (task, Int($0)) } }
                .filter { $0.1 < position }.max { $0.1 < $1.1 }?.0
        }
        if by.hasPrefix("task ") { return lastToEnd(of: [String(by.dropFirst(5))]) }
        // The wait being ended: the task's last event before this one that set a state.
        let positions = index.positions(of: task).prefix(count)
        if let suspend = positions.last(where: { run.events.kind(at: Int($0)).setsState }),
            case .wait(.gather, let what)? = run.events[Int(suspend)].detail
        {
            return lastToEnd(of: Set(what.components(separatedBy: ", ")))
        }
        // A timer, I/O, a thread's return, a yield or a timeout ends a wait by itself, whoever runs.
        guard resourceWakes.contains(where: { by.hasPrefix($0) }) else { return nil }
        return runningTask(at: position, in: run.events).flatMap { $0 == task ? nil : $0 }
    }

    /// How wakes by a resource begin (`by: "lock db"`): some task released, set or put it.
    static let resourceWakes = ["lock ", "semaphore ", "event ", "queue "]

    /// The task running at the log's `position`: the last one before it to resume or unblock and
    /// not since stop running. `nil` when the loop was idle, or when none is found among the
    /// ``longestLookBack`` events before (a long idle stretch would otherwise be read back to the
    /// start at every wake-up on the path).
    private static func runningTask(at position: Int, in events: EventLog) -> Int? {
        var stopped = Set<Int>()
        for earlier in stride(from: position - 1, through: max(position - longestLookBack, 0), by: -1) {
            let kind = events.kind(at: earlier)
            guard kind.setsState, let task = events.task(at: earlier) else { continue }
            if TaskState.Category(enteredBy: kind) != .running {
                stopped.insert(task)
            } else if !stopped.contains(task) {
                return task
            }
        }
        return nil
    }

    static let longestLookBack = 10_000

    /// Neighbours of one task in one state (and on one thing) made one.
    private static func merged(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        for segment in segments {
            if let last = result.last, last.task == segment.task, last.state == segment.state, last.what == segment.what {
                result[result.count - 1].end = segment.end
            } else {
                result.append(segment)
            }
        }
        return result
    }
}

extension CriticalPath {
    /// The most lines ``lines(for:ascii:)`` lists before it counts the rest.
    public static let longestListing = 12

    /// `critical path of concurrent (2.00 s):`, then a line per stretch in time order: the task,
    /// what it did, how long and its share of the run. A stretch of no time is listed only where
    /// the path passes through a task for no time (`main runs 0 s` between two waits of others);
    /// with more than ``longestListing`` lines, the shortest are counted, not listed.
    public func lines(for run: Run, ascii: Bool = false) -> [String] {
        func time(_ value: Nanoseconds) -> String { value.formatted(.summary, ascii: ascii) }
        let timed = segments.filter { $0.duration > 0 || $0.state == .running }
        let shown = timed.indices.filter { index in
            timed[index].duration > 0
                || ((index == 0 || timed[index - 1].task != timed[index].task)
                    && (index == timed.count - 1 || timed[index + 1].task != timed[index].task))
        }.map { timed[$0] }
        var listed = Set(shown.indices)
        if shown.count > Self.longestListing {
            listed = Set(shown.indices.sorted { (shown[$0].duration, $1) > (shown[$1].duration, $0) }.prefix(Self.longestListing))
        }
        let total = max(run.duration, 1)
        let rows = shown.indices.filter(listed.contains).map { index -> [String] in
            let segment = shown[index]
            let doing =
                segment.state.waitDescription(segment.what, limit: 40).map { "waits on \($0)" }
                ?? (segment.state == .running ? "runs" : "waits to run")
            let share = Int((Double(segment.duration) * 100 / Double(total)).rounded())
            return [run.tasks[segment.task].name.sanitizedForTerminal, doing.sanitizedForTerminal, time(segment.duration), "\(share)%"]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["critical path of \(run.name.sanitizedForTerminal) (\(time(run.duration))):"]
        for row in rows {
            let padded = row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return column < 2 ? row[column] + padding : padding + row[column]
            }
            lines.append("  " + padded.joined(separator: "  "))
        }
        if shown.count > listed.count {
            let rest = shown.indices.filter { !listed.contains($0) }
            let restTime = rest.reduce(0) { $0 + shown[$1].duration }
            lines.append("  \(ascii ? "..." : "…") and \(rest.count) shorter stretches, \(time(restTime)) in all")
        }
        return lines
    }
}
