import LoopLensTrace

/// In a run where one task runs at a time, most of the time went to computing in long stretches:
/// the program is CPU-bound, and async/await overlaps waiting, not computing.
public struct CPUBoundWork: Rule {
    public let name = "cpu-bound"
    public let description = "the event loop spent most of the run computing in stretches longer than --block-threshold"

    /// The share of the run spent in long running slices from which the rule speaks.
    static let busyShare = 0.5

    public init() {}

    public func findings(in run: RunAnalysis) -> [Finding] {
        guard run.isOneAtATime, run.run.duration > 0 else { return [] }
        var computing: Nanoseconds = 0
        var byTask: [Int: Nanoseconds] = [:]
        run.forEachTimeline { timeline in
            for interval in timeline.intervals where interval.state == .running && interval.duration > run.options.blockThreshold {
                computing += interval.duration
                byTask[timeline.task, default: 0] += interval.duration
            }
        }
        let share = Double(computing) / Double(run.run.duration)
        guard share >= Self.busyShare else { return [] }
        let tasks = byTask.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        return [
            Finding(
                rule: name, run: run.run.name,
                summary:
                    "the loop spent \(Int((share * 100).rounded()))% of the run (\(run.duration(computing)) of \(run.duration(run.run.duration))) computing without awaiting",
                evidence: [
                    "in stretches over \(run.duration(run.options.blockThreshold)): "
                        + run.list(tasks.map { "\(run.name($0.key)) \(run.duration($0.value))" })
                ],
                advice:
                    "Async code overlaps waiting, not computing: run the computing in a process pool (loop.run_in_executor with a ProcessPoolExecutor) to use more cores.",
                start: 0, end: run.run.duration, tasks: tasks.map(\.key))
        ]
    }
}
