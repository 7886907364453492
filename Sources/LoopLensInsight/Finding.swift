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
    /// For an entry that stands for findings not listed (see ``Checker/mostListed``), how many.
    public var unlisted: Int?

    public init(
        rule: String, run: String, summary: String, evidence: [String], advice: String, start: Nanoseconds, end: Nanoseconds,
        tasks: [Int], unlisted: Int? = nil
    ) {
        self.unlisted = unlisted
        self.rule = rule
        self.run = run
        self.summary = summary
        self.evidence = evidence
        self.advice = advice
        self.start = start
        self.end = end
        self.tasks = tasks
    }

    /// When it happened: `1.00 s`, or from its start `to` its end, `0 s–3.00 s`.
    public func when(ascii: Bool, to separator: String) -> String {
        let from = start.formatted(.summary, ascii: ascii)
        return start == end ? from : from + separator + end.formatted(.summary, ascii: ascii)
    }

    /// Stands for `count` more findings of the same rule in the same run, not listed: a trace of
    /// 5 000 tasks that all await in series says so once, not 5 000 times.
    static func more(_ count: Int, like example: Finding, until end: Nanoseconds) -> Finding {
        Finding(
            rule: example.rule, run: example.run,
            summary: "\(count) more finding\(count == 1 ? "" : "s") of this rule in this run, not listed",
            evidence: [], advice: example.advice, start: example.start, end: max(end, example.end), tasks: [], unlisted: count)
    }
}
