import LoopLensTrace

/// A task ran so long without awaiting that tasks ready to run waited for it longer than the
/// threshold (`--block-threshold`, 100 ms by default). Judged in runs where one task runs at a
/// time (an event loop): there, a running task holds every ready one.
public struct BlockingTheLoop: Rule {
    public let name = "blocking-the-loop"
    public let description = "a task ran without awaiting while others were ready to run, longer than --block-threshold"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        Look(rule: name, run: run)
    }

    /// First the slices long enough to block, as the timelines go by; then who was ready during
    /// each, in a second walk (only when there are any).
    private struct Look: Inspection {
        let rule: String
        let run: RunAnalysis
        var slices: [(task: Int, interval: StateInterval, bounds: String)] = []

        mutating func inspect(_ timeline: TaskTimeline) {
            guard run.isOneAtATime else { return }
            for (index, slice) in timeline.intervals.enumerated()
            where slice.state == .running && slice.duration > run.options.blockThreshold {
                slices.append((timeline.task, slice, BlockingTheLoop.bounds(of: index, in: timeline, run)))
            }
        }

        func findings() -> [Finding] {
            guard !slices.isEmpty else { return [] }
            let slices = slices.sorted { ($0.interval.start, $0.task) < ($1.interval.start, $1.task) }
            var delays = [[Int: Nanoseconds]](repeating: [:], count: slices.count)
            run.forEachTimeline { timeline in
                for interval in timeline.intervals where interval.state == .ready {
                    // The slices are one at a time, so in order of end too: the first that ends after
                    // the interval starts, and on while they start before it ends.
                    var low = 0
                    var high = slices.count
                    while low < high {
                        let middle = (low + high) / 2
                        if slices[middle].interval.end <= interval.start { low = middle + 1 } else { high = middle }
                    }
                    for index in low..<slices.count where slices[index].task != timeline.task {
                        let slice = slices[index].interval
                        guard slice.start < interval.end else { break }
                        delays[index][timeline.task, default: 0] += min(interval.end, slice.end) - max(interval.start, slice.start)
                    }
                }
            }
            return slices.indices.compactMap { index in
                let (task, slice, bounds) = slices[index]
                guard let longest = delays[index].values.max(), longest > run.options.blockThreshold else { return nil }
                let delayed = delays[index].sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                let total = delayed.reduce(0) { $0 + $1.value }
                let culprit = run.name(task)
                return Finding(
                    rule: rule, run: run.run.name,
                    summary:
                        "\(culprit) held the loop for \(run.duration(slice.duration)) while \(run.count(delayed.count, "task")) waited to run, \(run.duration(total)) in all",
                    evidence: [
                        "\(culprit) ran from \(run.duration(slice.start)) to \(run.duration(slice.end)) without awaiting, \(bounds)",
                        "ready and waiting for the loop meanwhile: "
                            + run.list(delayed.map { "\(run.name($0.key)) \(run.duration($0.value))" }),
                    ],
                    advice:
                        "Move the CPU-bound or blocking work off the loop (asyncio.to_thread, or a process pool for pure-Python computing), or split it with awaits so that other tasks run between the parts.",
                    start: slice.start, end: slice.end, tasks: [task] + delayed.map(\.key))
            }
        }
    }

    /// Where the slice at `index` began and ended, in the task's own terms: `from its start until
    /// it awaited io GET /x`.
    fileprivate static func bounds(of index: Int, in timeline: TaskTimeline, _ run: RunAnalysis) -> String {
        let intervals = timeline.intervals
        let previous = intervals[..<index].last { $0.state != .ready }
        let start =
            switch previous?.state {
            case nil: "from its start"
            case .waiting?, .blocked?: "after its await on \(run.wait(previous!.state, previous!.what))"
            case .running?, .ready?: "after it resumed"
            }
        let next = index + 1 < intervals.count ? intervals[index + 1] : nil
        let end =
            switch next?.state {
            case .waiting?, .blocked?: "until it awaited \(run.wait(next!.state, next!.what))"
            case .ready?: "until it yielded"
            case .running?: "until it resumed again"
            case nil: timeline.ending == nil ? "until the recording ended" : "until it finished"
            }
        return "\(start) \(end)"
    }
}
