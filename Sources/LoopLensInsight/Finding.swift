import LoopLensTrace

/// Something a seasoned reviewer would say about a run, in plain words: what happened, the evidence
/// from the trace, and what to change.
public struct Finding: Sendable, Hashable {
    /// The rule that found it (``Rule/name``), e.g. `blocking-the-loop`: `--ignore` takes it.
    public var rule: String
    /// The run it is about.
    public var run: String
    /// One line: what went wrong.
    public var summary: String
    /// The times and tasks that show it, a line each.
    public var evidence: [String]
    /// One sentence: what to change.
    public var advice: String
    /// When it happened: the TUI puts the playhead at `start`.
    public var start: Nanoseconds
    public var end: Nanoseconds
    /// The tasks involved (indices into the run's ``TaskTable``), the one to blame first.
    public var tasks: [Int]

    public init(
        rule: String, run: String, summary: String, evidence: [String], advice: String, start: Nanoseconds, end: Nanoseconds,
        tasks: [Int]
    ) {
        self.rule = rule
        self.run = run
        self.summary = summary
        self.evidence = evidence
        self.advice = advice
        self.start = start
        self.end = end
        self.tasks = tasks
    }
}
