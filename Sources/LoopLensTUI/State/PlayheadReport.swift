import Algorithms
import LoopLensTimeline
import LoopLensTrace

/// What happens in one run at one instant: who runs, who is ready (in the order the loop will
/// take them) and who waits on what.
struct PlayheadReport {
    struct Ready {
        var task: Int
        var since: Nanoseconds
    }

    struct Waiting {
        var task: Int
        var state: TaskState
        var what: String?
    }

    let run: PreparedRun
    let time: Nanoseconds
    private(set) var running: [Int] = []
    private(set) var ready: [Ready] = []
    private(set) var waiting: [Waiting] = []

    init(run: PreparedRun, at time: Nanoseconds) {
        self.run = run
        self.time = time
        for timeline in run.timelines {
            let index = timeline.intervals.partitioningIndex { $0.end > time }
            guard index < timeline.intervals.count, timeline.intervals[index].start <= time else { continue }
            let interval = timeline.intervals[index]
            switch interval.state {
            case .running: running.append(timeline.task)
            case .ready: ready.append(Ready(task: timeline.task, since: interval.start))
            case .waiting, .blocked: waiting.append(Waiting(task: timeline.task, state: interval.state, what: interval.what))
            }
        }
        // FIFO: the loop takes ready tasks in the order they became ready.
        ready.sort { ($0.since, $0.task) < ($1.since, $1.task) }
    }

    func name(_ task: Int, _ glyphs: Glyphs) -> String { glyphs.displayable(run.run.tasks[task].name) }

    /// What a waiting task waits on: `io GET /page1`.
    func reason(_ waiting: Waiting, _ glyphs: Glyphs) -> String {
        let reason: WaitReason =
            switch waiting.state {
            case .waiting(let reason), .blocked(let reason): reason
            case .running, .ready: .other
            }
        let what = glyphs.displayable(waiting.what ?? "")
        return what.isEmpty ? reason.rawValue : "\(reason.rawValue) \(what)"
    }

    /// One line for the footer.
    func line(glyphs: Glyphs) -> String {
        let formatted = time.formatted(.summary, ascii: glyphs.isASCII)
        var parts = ["\(glyphs.displayable(run.run.name)) @ \(formatted)"]
        if running.isEmpty, ready.isEmpty, waiting.isEmpty {
            parts.append(time > 0 ? "all done" : "nothing yet")
            return parts.joined(separator: "  ")
        }
        parts.append(running.isEmpty ? "nothing running" : "running: " + running.map { name($0, glyphs) }.joined(separator: ", "))
        if !ready.isEmpty { parts.append("ready \(ready.count): " + ready.map { name($0.task, glyphs) }.joined(separator: ", ")) }
        if !waiting.isEmpty {
            parts.append(
                "waiting \(waiting.count): " + waiting.map { "\(name($0.task, glyphs)) (\(reason($0, glyphs)))" }.joined(separator: ", "))
        }
        return parts.joined(separator: "  \(glyphs.middleDot)  ")
    }
}
