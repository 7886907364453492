import LoopLensTimeline
import LoopLensTrace

/// What happens in one run at one instant: who runs, who is ready (in the order the loop will
/// take them) and who waits on what, each in the order they entered that state, up to a limit.
struct PlayheadReport {
    let run: PreparedRun
    let time: Nanoseconds
    let running: [StateOccupancy.Occupant]
    let ready: [StateOccupancy.Occupant]
    let waiting: [StateOccupancy.Occupant]
    /// How many tasks are ready and waiting, listed or not.
    let readyCount: Int
    let waitingCount: Int

    /// The report of `run` at `time`, naming at most `limit` tasks in each state.
    init(run: PreparedRun, occupancy: StateOccupancy, at time: Nanoseconds, listing limit: Int) {
        self.run = run
        self.time = time
        running = occupancy.occupants(.running, at: time, limit: limit)
        ready = occupancy.occupants(.ready, at: time, limit: limit)
        waiting = occupancy.occupants(.waiting, at: time, limit: limit)
        readyCount = occupancy.count(.ready, at: time)
        waitingCount = occupancy.count(.waiting, at: time)
    }

    func name(_ task: Int, _ glyphs: Glyphs) -> String { glyphs.displayable(run.run.tasks[task].name) }

    /// What a waiting task waits on: `io GET /page1`.
    func reason(_ waiting: StateOccupancy.Occupant, _ glyphs: Glyphs) -> String {
        glyphs.displayable(waiting.state.waitDescription(waiting.what) ?? WaitReason.other.rawValue)
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
        func list(_ label: String, _ items: [StateOccupancy.Occupant], _ describe: (StateOccupancy.Occupant) -> String) {
            append(separator + label)
            for (index, item) in items.enumerated() {
                guard length <= width else { break }
                append((index == 0 ? "" : ", ") + describe(item))
            }
        }
        if running.isEmpty { append(separator + "nothing running") } else { list("running: ", running) { name($0.task, glyphs) } }
        if !ready.isEmpty { list("ready \(readyCount): ", ready) { name($0.task, glyphs) } }
        if !waiting.isEmpty { list("waiting \(waitingCount): ", waiting) { "\(name($0.task, glyphs)) (\(reason($0, glyphs)))" } }
        return text
    }
}
