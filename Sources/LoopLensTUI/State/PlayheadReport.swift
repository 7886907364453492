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

    init(run: PreparedRun, alive: LiveTaskIndex, at time: Nanoseconds) {
        self.run = run
        self.time = time
        alive.withHints { hints in
            for task in alive.tasksAlive(at: time) {
                guard
                    let (state, since, what) = run.run.taskState(
                        of: task, events: run.events.positions(of: task), at: time, hint: &hints[task])
                else { continue }
                switch state {
                case .running: running.append(task)
                case .ready: ready.append(Ready(task: task, since: since))
                case .waiting, .blocked: waiting.append(Waiting(task: task, state: state, what: what))
                }
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
        // A gather's description can name thousands of tasks: cut it before sanitising.
        let what = glyphs.displayable(String((waiting.what ?? "").prefix(60)))
        return what.isEmpty ? reason.rawValue : "\(reason.rawValue) \(what)"
    }

    /// One line for the footer, at most about `width` columns: names are listed only while they fit.
    func line(glyphs: Glyphs, width: Int) -> String {
        let formatted = time.formatted(.summary, ascii: glyphs.isASCII)
        var text = "\(glyphs.displayable(run.run.name)) @ \(formatted)"
        if running.isEmpty, ready.isEmpty, waiting.isEmpty {
            return text + "  " + (time > 0 ? "all done" : "nothing yet")
        }
        let separator = "  \(glyphs.middleDot)  "
        var length = text.count
        func append(_ part: String) {
            text += part
            length += part.count
        }
        func list<Item>(_ label: String, _ items: [Item], _ describe: (Item) -> String) {
            append(separator + label)
            for (index, item) in items.enumerated() {
                guard length <= width else { break }
                append((index == 0 ? "" : ", ") + describe(item))
            }
        }
        if running.isEmpty { append(separator + "nothing running") } else { list("running: ", running) { name($0, glyphs) } }
        if !ready.isEmpty { list("ready \(ready.count): ", ready) { name($0.task, glyphs) } }
        if !waiting.isEmpty { list("waiting \(waiting.count): ", waiting) { "\(name($0.task, glyphs)) (\(reason($0, glyphs)))" } }
        return text
    }
}
