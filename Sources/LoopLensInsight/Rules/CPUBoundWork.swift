import LoopLensTrace

/// In a run where one task runs at a time (an event loop, or threads taking turns at the GIL),
/// code ran for half of the run or more (in long stretches or in many short ones): the program is
/// CPU-bound, and neither async/await nor threads under the GIL make computing faster.
public struct CPUBoundWork: Rule {
    public let name = "cpu-bound"
    public let description = "one task at a time ran code for half of the run or more: the program computes more than it waits"

    /// The share of the run spent running from which the rule speaks.
    static let busyShare = 0.5

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        Look(rule: name, run: run)
    }

    private struct Look: Inspection {
        let rule: String
        let run: RunAnalysis
        var computing: Nanoseconds = 0
        var byTask: [Int: Nanoseconds] = [:]

        mutating func inspect(_ timeline: TaskTimeline) {
            let running = timeline.time(in: .running)
            guard running > 0 else { return }
            computing += running
            byTask[timeline.task] = running
        }

        func findings() -> [Finding] {
            guard run.isOneAtATime, run.run.duration > 0 else { return [] }
            let share = Double(computing) / Double(run.run.duration)
            guard share >= CPUBoundWork.busyShare else { return [] }
            let tasks = byTask.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            return [
                Finding(
                    rule: rule, run: run.run.name,
                    summary:
                        "one task at a time ran code for \(Int((share * 100).rounded()))% of the run (\(run.duration(computing)) of \(run.duration(run.run.duration))): the program computes more than it waits",
                    evidence: ["running the most: " + run.list(tasks.map { "\(run.name($0.key)) \(run.duration($0.value))" })],
                    advice:
                        "Async code and threads under the GIL overlap waiting, not computing: run the computing in a process pool (loop.run_in_executor with a ProcessPoolExecutor) to use more cores.",
                    start: 0, end: run.run.duration, tasks: tasks.map(\.key))
            ]
        }
    }
}
