import LoopLensTrace

/// Runs every rule over the runs of a trace that are meant to be concurrent: every run but
/// `sequential`, which is the baseline by design. The rules share one walk over each run's
/// timelines.
public enum Checker {
    /// Every rule, in the order findings are listed.
    public static let rules: [any Rule] = [
        BlockingTheLoop(), CPUBoundWork(), SerialAwaits(), LockHeldAcrossAwait(), SemaphoreSaturated(), Deadlock(),
        UnobservedFailure(), NeverAwaited(),
    ]

    /// The most findings of one rule listed for one run; one more says how many were not.
    /// (``TaskByTask`` keeps no more than this, counting the rest.)
    public static let mostListed = 20

    /// The run name that is never judged.
    public static let baseline = "sequential"

    /// The findings of every rule not ignored, run by run in trace order, rule by rule. `indexes`,
    /// when given, holds each run's ``TaskEventIndex`` (`nil` for one to build).
    public static func findings(in trace: Trace, options: CheckOptions = CheckOptions(), indexes: [TaskEventIndex?] = []) -> [Finding] {
        trace.runs.indices.filter { trace.runs[$0].name != baseline }.flatMap { position -> [Finding] in
            let run = trace.runs[position]
            let analysis = RunAnalysis(run, options: options, index: indexes.indices.contains(position) ? indexes[position] : nil)
            var inspections = rules.filter { !options.ignoredRules.contains($0.name) }.map { $0.inspection(of: analysis) }
            guard !inspections.isEmpty else { return [] }
            analysis.forEachTimeline { timeline in
                for index in inspections.indices { inspections[index].inspect(timeline) }
            }
            return inspections.indices.flatMap { index -> [Finding] in
                let found = inspections[index].findings()
                let unlisted = inspections[index].unlisted
                let count = found.count - min(found.count, mostListed) + unlisted.count
                guard count > 0, let first = found.first else { return found }
                return Array(found.prefix(mostListed)) + [.more(count, like: first, until: max(unlisted.end, found.map(\.end).max() ?? 0))]
            }
        }
    }
}
