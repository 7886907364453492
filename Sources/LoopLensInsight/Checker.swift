import LoopLensTrace

/// Runs every rule over the runs of a trace that are meant to be concurrent: every run but
/// `sequential`, which is the baseline by design. The rules share one walk over each run's
/// timelines.
public enum Checker {
    /// Every rule, in the order findings are listed.
    public static let rules: [any Rule] = [
        BlockingTheLoop(), CPUBoundWork(), SerialAwaits(), Deadlock(), UnobservedFailure(), NeverAwaited(),
    ]

    /// The run name that is never judged.
    public static let baseline = "sequential"

    /// The findings of every rule not ignored, run by run in trace order, rule by rule.
    public static func findings(in trace: Trace, options: CheckOptions = CheckOptions()) -> [Finding] {
        trace.runs.filter { $0.name != baseline }.flatMap { run -> [Finding] in
            let analysis = RunAnalysis(run, options: options)
            var inspections = rules.filter { !options.ignoredRules.contains($0.name) }.map { $0.inspection(of: analysis) }
            guard !inspections.isEmpty else { return [] }
            analysis.forEachTimeline { timeline in
                for index in inspections.indices { inspections[index].inspect(timeline) }
            }
            return inspections.indices.flatMap { inspections[$0].findings() }
        }
    }
}
