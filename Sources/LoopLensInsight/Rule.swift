import LoopLensTrace

/// One kind of finding. Each rule reads a run's trace only, so it judges simulated and real runs
/// alike; a rule that finds nothing returns no findings.
public protocol Rule: Sendable {
    /// The rule's name in output and for `--ignore`: lowercase words joined by hyphens.
    var name: String { get }
    /// What the rule looks for, for the docs and `--ignore`'s help.
    var description: String { get }
    /// Starts judging `run`: the ``Checker`` shows the inspection every task's timeline once, in
    /// task order (one walk over the run shared by every rule), then asks for its findings.
    func inspection(of run: RunAnalysis) -> any Inspection
}

/// A rule at work on one run.
public protocol Inspection {
    /// Sees one task's whole timeline.
    mutating func inspect(_ timeline: TaskTimeline)
    /// What was found, once every timeline has been seen. (A rule that needs a second look walks
    /// the timelines again with ``RunAnalysis/forEachTimeline(_:)``.)
    mutating func findings() -> [Finding]
    /// Findings counted but not kept, to save memory: how many, and when the last ended.
    var unlisted: (count: Int, end: Nanoseconds) { get }
}

extension Inspection {
    public var unlisted: (count: Int, end: Nanoseconds) { (0, 0) }

    /// A rule that judges a run as a whole (its resources, say) looks at no timeline.
    public mutating func inspect(_ timeline: TaskTimeline) {}
}

/// An inspection that judges each task on its own. It keeps the first ``Checker/mostListed``
/// findings and counts the rest, so that a trace where every task does the same costs little.
struct TaskByTask: Inspection {
    let judge: (TaskTimeline) -> [Finding]
    private var found: [Finding] = []
    private(set) var unlisted: (count: Int, end: Nanoseconds) = (0, 0)

    init(_ judge: @escaping (TaskTimeline) -> [Finding]) {
        self.judge = judge
    }

    mutating func inspect(_ timeline: TaskTimeline) {
        for finding in judge(timeline) {
            if found.count < Checker.mostListed {
                found.append(finding)
            } else {
                unlisted = (unlisted.count + 1, max(unlisted.end, finding.end))
            }
        }
    }

    func findings() -> [Finding] { found }
}
