/// The numbers `looplens run` prints: per run its total time, per task when it started and
/// finished and how long it spent running, ready and waiting, and each run's speedup.
public struct RunSummary: Sendable {
    public struct TaskLine: Sendable {
        public var name: String
        public var depth: Int
        public var start: Nanoseconds?
        public var end: Nanoseconds
        public var ending: TaskEnding?
        public var running: Nanoseconds
        public var ready: Nanoseconds
        public var waiting: Nanoseconds
    }

    public var tasks: [TaskLine]
    /// The run summarised.
    let source: Run

    /// The run's name.
    public var run: String { source.name }
    /// The run's total time.
    public var total: Nanoseconds { source.duration }

    public init(_ run: Run) {
        self.source = run
        let timelines = run.taskTimelines()
        var depths = [Int](repeating: 0, count: run.tasks.count)
        for index in run.tasks.indices {
            if let parent = run.tasks[index].parent, parent < index { depths[index] = depths[parent] + 1 }
        }
        self.tasks = timelines.map { timeline in
            TaskLine(
                name: run.tasks[timeline.task].name, depth: depths[timeline.task], start: timeline.firstResume, end: timeline.end,
                ending: timeline.ending, running: timeline.time(in: .running), ready: timeline.time(in: .ready),
                waiting: timeline.time(in: .waiting))
        }
    }
}

extension RunSummary {
    /// The report for a whole trace: each run's table, then the speedups over `sequential`.
    public static func report(for trace: Trace, ascii: Bool = false) -> String {
        let summaries = trace.runs.map(RunSummary.init)
        var text = ""
        for summary in summaries {
            text += summary.table(ascii: ascii) + "\n"
        }
        if let baseline = summaries.first(where: { $0.run == "sequential" }), summaries.count > 1 {
            for summary in summaries where summary.run != baseline.run {
                // Worded as the timeline's run titles word it.
                let speedup =
                    Speedup(of: summary.source, over: baseline.source)?.described(comparedWith: "sequential", times: ascii ? "x" : "×")
                    ?? "took no time"
                text +=
                    "\(summary.run.sanitizedForTerminal): \(speedup) (\(summary.total.formatted(.summary, ascii: ascii)) vs \(baseline.total.formatted(.summary, ascii: ascii)))\n"
            }
        }
        return text
    }

    /// One run as an aligned table.
    public func table(ascii: Bool = false) -> String {
        let header = ["task", "start", "finish", "running", "ready", "waiting", "result"]
        let rows = tasks.map { line -> [String] in
            [
                String(repeating: "  ", count: line.depth) + line.name.sanitizedForTerminal,
                line.start.map { $0.formatted(.summary, ascii: ascii) } ?? "-",
                line.end.formatted(.summary, ascii: ascii),
                line.running.formatted(.summary, ascii: ascii),
                line.ready.formatted(.summary, ascii: ascii),
                line.waiting.formatted(.summary, ascii: ascii),
                Self.describe(line.ending),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == row.count - 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = ["\(run.sanitizedForTerminal): total \(total.formatted(.summary, ascii: ascii))", format(header)]
        lines += rows.map(format)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ ending: TaskEnding?) -> String {
        switch ending {
        case nil: "unfinished"
        case .finished(.ok, _)?: "ok"
        case .finished(.cancelled, _)?: "cancelled"
        case .finished(.error, let message)?: "error: \((message ?? "").sanitizedForTerminal)"
        case .deadlocked(let reason, let what)?: "deadlock: waits on \(reason.rawValue) \(what.sanitizedForTerminal)"
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
