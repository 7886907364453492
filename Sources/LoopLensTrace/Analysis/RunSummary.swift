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
        /// From spawn to finish: how the slowest tasks are chosen when not every line is listed.
        public var life: Nanoseconds
    }

    public var tasks: [TaskLine]
    /// How long ready tasks waited to run; `nil` when none ever was ready.
    public var latency: SchedulingLatency?
    /// The run summarised.
    let source: Run

    /// The run's name.
    public var run: String { source.name }
    /// The run's total time.
    public var total: Nanoseconds { source.duration }

    public init(_ run: Run) {
        self.source = run
        let (totals, loopWaits) = run.taskTotalsAndLoopWaits()
        latency = SchedulingLatency(waits: loopWaits)
        var depths = [Int](repeating: 0, count: run.tasks.count)
        for index in run.tasks.indices {
            if let parent = run.tasks[index].parent, parent < index { depths[index] = depths[parent] + 1 }
        }
        self.tasks = totals.map { task in
            TaskLine(
                name: run.tasks[task.task].name, depth: depths[task.task], start: task.firstResume, end: task.end, ending: task.ending,
                running: task.running, ready: task.ready, waiting: task.waiting, life: task.end - task.start)
        }
    }
}

extension RunSummary {
    /// A shortened table lists every task of a run with at most this many (more than any shipped
    /// scenario has) ...
    public static let longestFullTable = 30
    /// ... and otherwise this many, the slowest.
    public static let shortenedTableLines = 10

    /// The report for a whole trace: each run's table, then the speedups over `sequential`. With
    /// `shortened`, a run with many tasks lists its slowest (see ``table(ascii:shortened:)``).
    public static func report(for trace: Trace, ascii: Bool = false, shortened: Bool = false) -> String {
        let summaries = trace.runs.map(RunSummary.init)
        var text = ""
        for summary in summaries {
            text += summary.table(ascii: ascii, shortened: shortened) + "\n"
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

    /// One run as an aligned table, its tasks in tree order. `shortened`, a run with more than
    /// ``longestFullTable`` tasks lists only its ``shortenedTableLines`` slowest (longest from spawn
    /// to finish, ties in tree order), slowest first, and then how many more there are.
    public func table(ascii: Bool = false, shortened: Bool = false) -> String {
        let header = ["task", "start", "finish", "running", "ready", "waiting", "result"]
        var shown = tasks
        if shortened, tasks.count > Self.longestFullTable {
            let slowest = tasks.indices.sorted { (-tasks[$0].life, $0) < (-tasks[$1].life, $1) }.prefix(Self.shortenedTableLines)
            shown = slowest.map { tasks[$0] }
        }
        let rows = shown.map { line -> [String] in
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
        if shown.count < tasks.count {
            let more = tasks.count - shown.count
            lines.append(
                "\(ascii ? "..." : "…") and \(Self.grouped(more)) more task\(more == 1 ? "" : "s"), the slowest listed first; --all lists every one"
            )
        }
        lines += latency?.lines(ascii: ascii) ?? []
        return lines.joined(separator: "\n") + "\n"
    }

    /// `199990` as `199 990`.
    static func grouped(_ number: Int) -> String {
        var text = String(number)
        var index = text.count - 3
        while index > 0 {
            text.insert(" ", at: text.index(text.startIndex, offsetBy: index))
            index -= 3
        }
        return text
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
