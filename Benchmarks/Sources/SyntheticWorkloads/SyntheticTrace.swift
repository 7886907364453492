import LoopLensTrace

/// A made-up recording of a busy event loop, of any size, the same every time.
///
/// Task 0 (`main`) spawns the others; each then runs in turns: ready, running for a moment, then
/// suspended on I/O (every tenth turn it also prints), until its last turn ends it. One task runs
/// at a time and time only moves forward, as in a real single-loop trace, and the lines look like
/// the ones LoopLens's tracers write (about 80 bytes each).
public enum SyntheticTrace {
    /// A run named `concurrent` with about `events` events spread over `tasks` tasks.
    public static func make(events: Int, tasks: Int) -> Trace {
        let tasks = max(tasks, 2)
        // Per task: a spawn, then turns of ready, resume, suspend (the first turn has no ready, the
        // last ends in finish), and a print every tenth turn.
        let turns = max(1, (events * 10 + tasks * 31 - 1) / (tasks * 31))
        var run = Run(name: "concurrent", scenario: "Synthetic: \(tasks) tasks, \(turns) turns each", clock: "virtual")
        var time: Nanoseconds = 0
        func add(_ task: Int, _ kind: EventKind, _ detail: EventDetail? = nil) {
            run.events.append(Event(time: time, task: task, kind: kind, detail: detail))
            time += 1_000
        }
        run.tasks.add(id: 0, name: "main", parent: nil)
        add(0, .spawn)
        add(0, .resume)
        for task in 1..<tasks {
            run.tasks.add(id: task, name: "fetch\(task)", parent: 0)
            add(task, .spawn)
        }
        add(0, .suspend, .wait(on: .gather, what: "fetch1 … fetch\(tasks - 1)"))
        for turn in 0..<turns {
            for task in 1..<tasks {
                if turn > 0 { add(task, .ready, .wake(by: "io")) }
                add(task, .resume)
                if turn % 10 == 9 { add(task, .print, .text("fetch\(task): page \(turn / 10) parsed")) }
                if turn == turns - 1 {
                    add(task, .finish, .outcome(.ok, error: nil))
                } else {
                    add(task, .suspend, .wait(on: .io, what: "GET /items/\(task % 100)"))
                }
            }
        }
        add(0, .ready, .wake(by: "gather"))
        add(0, .resume)
        add(0, .finish, .outcome(.ok, error: nil))
        return Trace(runs: [run])
    }
}
