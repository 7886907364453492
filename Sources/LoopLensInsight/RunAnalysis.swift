import LoopLensTrace

/// A run with what the rules share, derived once: where each task's events are, whether the run is
/// an event loop, and which tasks someone awaited. Timelines are derived a task at a time as the
/// rules walk them, so that checking a trace costs 4 bytes an event (``TaskEventIndex``), not its
/// every interval: `export` checks what it draws.
public struct RunAnalysis: Sendable {
    public let run: Run
    public let options: CheckOptions
    private let index: TaskEventIndex
    /// No two tasks ever run at once: one event loop (or one thread) runs them all, so a task
    /// that runs keeps every ready one waiting.
    public let isOneAtATime: Bool
    /// The run's locks and semaphores, where its trace records who takes them.
    public let resources: [ResourceUse]
    /// The names of the tasks someone awaited or gathered (named in a wait on a task or a gather),
    /// or was woken by (`by: "task NAME"`).
    let awaitedNames: Set<String>

    /// The analysis of `run`, using `index` when it holds every task's events (a layout's, so that
    /// checking what is drawn costs no second index).
    public init(_ run: Run, options: CheckOptions = CheckOptions(), index given: TaskEventIndex? = nil) {
        self.run = run
        self.options = options
        index = given.flatMap { $0.tasks.count == run.tasks.count ? $0 : nil } ?? TaskEventIndex(run)
        isOneAtATime = Self.runsOneAtATime(run)
        resources = run.resourceUses()
        var awaited = Set<String>()
        // Each distinct payload once: a busy run repeats a few.
        var seen = Set<Int32>()
        for position in run.events.indices {
            let number = run.events.payloadNumber(at: position)
            guard number >= 0, seen.insert(number).inserted else { continue }
            switch run.events.payload(numbered: number) {
            case .wait(let reason, let what) where reason == .task || reason == .gather:
                awaited.formUnion(what.components(separatedBy: ", "))
            case .wake(let by) where by.hasPrefix("task "):
                awaited.insert(String(by.dropFirst("task ".count)))
            default: continue
            }
        }
        awaitedNames = awaited
    }

    /// The name of task `task`, as the trace gives it (sanitise it before it reaches a terminal).
    public func name(_ task: Int) -> String { run.tasks[task].name }

    /// Whether some task awaited, gathered or was woken by `task`, or `task` is a root task, whose
    /// result goes to whoever started the program.
    func isAwaited(_ task: Int) -> Bool {
        run.tasks[task].parent == nil || awaitedNames.contains(name(task))
    }

    /// The timeline of task `task`.
    public func timeline(of task: Int) -> TaskTimeline {
        run.taskTimeline(of: task, events: index.positions(of: task))
    }

    /// Calls `body` with each task's timeline, in task order, deriving one at a time.
    public func forEachTimeline(_ body: (TaskTimeline) -> Void) {
        for task in run.tasks.indices { body(timeline(of: task)) }
    }

    /// Whether no two tasks ever run at once, by a walk over the events counting the tasks
    /// running after each instant (within an instant, one task may stop as another starts).
    private static func runsOneAtATime(_ run: Run) -> Bool {
        let events = run.events
        var isRunning = [Bool](repeating: false, count: run.tasks.count)
        var running = 0
        var position = 0
        while position < events.count {
            let time = events.time(at: position)
            while position < events.count, events.time(at: position) == time {
                defer { position += 1 }
                let kind = events.kind(at: position)
                guard kind.setsState, let task = events.task(at: position), task < isRunning.count else { continue }
                let runs = TaskState.Category(enteredBy: kind) == .running
                if isRunning[task] != runs {
                    isRunning[task] = runs
                    running += runs ? 1 : -1
                }
            }
            if running > 1 { return false }
        }
        return true
    }
}
