import LoopLensTrace

/// A task failed and no task awaited or gathered it: its exception went nowhere. (asyncio logs
/// "Task exception was never retrieved" only when the task is garbage-collected, if ever.)
public struct UnobservedFailure: Rule {
    public let name = "unobserved-failure"
    public let description = "a task failed and no task awaited or gathered it, so nobody saw its exception"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        TaskByTask { timeline in findings(in: run, of: timeline) }
    }

    private func findings(in run: RunAnalysis, of timeline: TaskTimeline) -> [Finding] {
        guard case .finished(.error, let error)? = timeline.ending, !run.isAwaited(timeline.task) else { return [] }
        let task = run.name(timeline.task)
        let message = error.map { ": \(String($0.prefix(120)))" } ?? ""
        return [
            Finding(
                rule: name, run: run.run.name,
                summary: "\(task) failed at \(run.duration(timeline.end)) and nobody saw its error\(message)",
                evidence: ["no task awaited or gathered \(task), and none was woken by it"],
                advice: "Await or gather the task and handle its exception, or add a done callback that logs it (task.add_done_callback).",
                start: timeline.end, end: timeline.end, tasks: [timeline.task])
        ]
    }
}
