import LoopLensTrace

/// A task awaited I/O one wait after another, three or more in a row, running almost nothing in
/// between (a tenth of the shorter wait at most): `for url in urls: await fetch(url)`. The waits
/// could have overlapped (`asyncio.gather`). The trace shows no data flowing from one wait to the
/// next other than their order, so the rule can only suggest; two waits in a row are left alone,
/// as they are often a read and the write of what was read. It estimates what gathering them would
/// save (all but the longest wait) and reports savings over `--block-threshold`.
public struct SerialAwaits: Rule {
    public let name = "serial-awaits"
    public let description = "a task awaited I/O three or more times in a row, waits that could have overlapped with gather"

    /// The waits that stand for independent work in flight: reads, writes, calls on threads.
    static let overlappable: Set<WaitReason> = [.io, .thread]
    /// The fewest waits in a row the rule speaks of.
    static let shortestSeries = 3

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        TaskByTask { timeline in findings(in: run, of: timeline) }
    }

    private func findings(in run: RunAnalysis, of timeline: TaskTimeline) -> [Finding] {
        var findings: [Finding] = []
        var series: [StateInterval] = []
        // Time spent running or ready between the waits of the series.
        var between: Nanoseconds = 0
        func close() {
            defer { (series, between) = ([], 0) }
            guard series.count >= Self.shortestSeries else { return }
            let total = series.reduce(0) { $0 + $1.duration }
            let saving = total - series.map(\.duration).max()!
            guard saving > run.options.blockThreshold else { return }
            let task = run.name(timeline.task)
            findings.append(
                Finding(
                    rule: name, run: run.run.name,
                    summary:
                        "\(task) awaited \(series.count) waits one after another (\(run.duration(total))); together they could take \(run.duration(total - saving)), \(run.duration(saving)) less",
                    evidence: [
                        "from \(run.duration(series[0].start)) to \(run.duration(series.last!.end)): "
                            + run.list(series.map { "\(run.wait($0.state, $0.what)) \(run.duration($0.duration))" }, limit: 6),
                        "between the waits it ran \(run.duration(between)) in all",
                    ],
                    advice:
                        "If the waits do not depend on each other's results, start them together (asyncio.gather, or a TaskGroup) and await them once.",
                    start: series[0].start, end: series.last!.end, tasks: [timeline.task]))
        }
        for interval in timeline.intervals {
            switch interval.state {
            case .waiting(let reason), .blocked(let reason):
                if Self.overlappable.contains(reason), interval.duration > 0 {
                    // Work between the waits that is not small beside them breaks the series.
                    if let last = series.last, between * 10 > min(last.duration, interval.duration) { close() }
                    series.append(interval)
                    between = 0
                } else {
                    close()
                }
            case .running, .ready:
                if !series.isEmpty { between += interval.duration }
            }
        }
        close()
        return findings
    }
}
