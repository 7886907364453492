import LoopLensTrace

/// A task held a lock while it awaited something else (I/O, a sleep, another task), and other
/// tasks queued for the lock meanwhile: the await, not the shared state, set everyone's pace.
/// Needs `acquire`/`release` events (simulated runs have them).
public struct LockHeldAcrossAwait: Rule {
    public let name = "lock-held-across-await"
    public let description = "a task awaited something else while holding a lock others queued for"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        Look(rule: name, run: run)
    }

    private struct Look: Inspection {
        let rule: String
        let run: RunAnalysis

        func findings() -> [Finding] {
            run.resources.filter { $0.kind == .lock }.flatMap(findings(for:))
        }

        /// Each stretch of the lock held by one task in which it awaited something else while
        /// others queued, with the queue's waiting in all.
        private func findings(for lock: ResourceUse) -> [Finding] {
            var findings: [Finding] = []
            var index = 0
            while index < lock.steps.count {
                guard let holder = lock.steps[index].holder else {
                    index += 1
                    continue
                }
                // The holding: the steps while this task holds the lock.
                var end = index
                var queued: Nanoseconds = 0
                while end < lock.steps.count, lock.steps[end].holder == holder {
                    let until = end + 1 < lock.steps.count ? lock.steps[end + 1].time : run.run.duration
                    queued += Nanoseconds(lock.steps[end].waiters) * (until - lock.steps[end].time)
                    end += 1
                }
                let (start, stop) = (lock.steps[index].time, end < lock.steps.count ? lock.steps[end].time : run.run.duration)
                index = end
                let awaits = run.timeline(of: holder).intervals.filter { interval in
                    interval.start < stop && interval.end > start && interval.state.category == .waiting
                        && !(interval.what == lock.name && (interval.state == .waiting(.lock) || interval.state == .blocked(.lock)))
                }
                let awaited = awaits.reduce(0) { $0 + min($1.end, stop) - max($1.start, start) }
                guard awaited > 0, queued > run.options.blockThreshold else { continue }
                let task = run.name(holder)
                findings.append(
                    Finding(
                        rule: rule, run: run.run.name,
                        summary:
                            "\(task) held \(lock.title) for \(run.duration(stop - start)) across \(run.count(awaits.count, "await")) while others queued for it, \(run.duration(queued)) of waiting in all",
                        evidence: [
                            "from \(run.duration(start)) to \(run.duration(stop)); awaited meanwhile: "
                                + run.list(
                                    awaits.map {
                                        "\(run.wait($0.state, $0.what)) \(run.duration(min($0.end, stop) - max($0.start, start)))"
                                    })
                        ],
                        advice:
                            "Hold the lock only around the shared state it protects: do the slow await before or after the `async with`, or split the lock.",
                        start: start, end: stop, tasks: [holder]))
            }
            return findings
        }
    }
}
