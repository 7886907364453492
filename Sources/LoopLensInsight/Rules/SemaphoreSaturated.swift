import LoopLensTrace

/// Tasks queued for a semaphore's permits for longer than `--block-threshold`: the limit, not the
/// work, set the pace for that stretch. Says for how long, what share of the run, and the longest
/// queue. Needs `acquire`/`release` events (simulated runs have them).
public struct SemaphoreSaturated: Rule {
    public let name = "semaphore-saturated"
    public let description = "tasks queued for a semaphore's permits longer than --block-threshold"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        Look(rule: name, run: run)
    }

    private struct Look: Inspection {
        let rule: String
        let run: RunAnalysis

        func findings() -> [Finding] {
            run.resources.filter { $0.kind == .semaphore }.compactMap { semaphore in
                var saturated: Nanoseconds = 0
                var (first, last): (Nanoseconds?, Nanoseconds) = (nil, 0)
                for (index, step) in semaphore.steps.enumerated() where step.waiters > 0 {
                    let until = index + 1 < semaphore.steps.count ? semaphore.steps[index + 1].time : run.run.duration
                    saturated += until - step.time
                    first = first ?? step.time
                    last = until
                }
                guard saturated > run.options.blockThreshold, let first else { return nil }
                let longest = semaphore.steps.map(\.waiters).max() ?? 0
                let permits = semaphore.steps.map(\.holders).max() ?? 0
                let share = Int((Double(saturated) * 100 / Double(max(run.run.duration, 1))).rounded())
                return Finding(
                    rule: rule, run: run.run.name,
                    summary:
                        "\(semaphore.title) had tasks queued for \(run.duration(saturated)), \(share)% of the run; at most \(longest) waited for its \(permits) permits",
                    evidence: ["queued from \(run.duration(first)) to \(run.duration(last)), with all \(permits) permits in use"],
                    advice:
                        "If the limit guards nothing that needs it, raise it (try `--set semaphores.\(semaphore.name)=N` to see the effect); if it protects a service, the queue is the limit doing its job.",
                    start: first, end: last, tasks: [])
            }
        }
    }
}
