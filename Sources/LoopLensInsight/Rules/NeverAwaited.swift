import LoopLensTrace

/// A task that no task awaited or gathered was cut short: cancelled when `asyncio.run` ended (its
/// work silently lost), or still pending when the run ended.
public struct NeverAwaited: Rule {
    public let name = "never-awaited"
    public let description = "a task nobody awaited was cancelled at shutdown or still pending at the end"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        TaskByTask { timeline in findings(in: run, of: timeline) }
    }

    private func findings(in run: RunAnalysis, of timeline: TaskTimeline) -> [Finding] {
        guard !run.isAwaited(timeline.task) else { return [] }
        let task = run.name(timeline.task)
        let fate: String
        switch timeline.ending {
        case .finished(.cancelled, _)?: fate = "was cancelled at \(run.duration(timeline.end)), before it finished its work"
        case nil: fate = "was still pending when the run ended at \(run.duration(timeline.end))"
        default: return []
        }
        return [
            Finding(
                rule: name, run: run.run.name,
                summary: "\(task) was never awaited and \(fate)",
                evidence: ["no task awaited or gathered \(task), and none was woken by it"],
                advice:
                    "Keep a reference to the task and await or gather it before main returns; otherwise asyncio.run cancels it (and a task with no reference can be garbage-collected mid-way).",
                start: timeline.start, end: timeline.end, tasks: [timeline.task])
        ]
    }
}
