import DequeModule
import HeapModule
import LoopLensTrace

/// The discrete-event core shared by every execution.
///
/// Tasks run on worker pools (the event loop, a thread pool, a process pool). A running task
/// executes its steps in zero time until it waits; `cpu` keeps its worker busy for the duration.
/// The engine alternates between running everything that can run now (``dispatch()``) and firing
/// the earliest timer. How a wait behaves depends on the execution: under `concurrent` the task
/// suspends and frees the loop; elsewhere it blocks and keeps its thread.
struct Engine {
    let scenario: Scenario
    let execution: Execution
    var run: Run
    var now: Nanoseconds = 0

    var tasks: [SimulatedTask] = []
    var pools: [WorkerPool] = []
    /// The GIL (or the cores) that `cpu` steps need under `threads`; nil where the worker suffices.
    var processor: WorkerPool?
    /// Tasks that hold a worker and continue now: after `cpu`, or when a blocking wait ends.
    var continuing = Deque<Int>()
    var timers = Heap<Timer>()
    var timerCount = 0
    var cancelledTimers = Set<Int>()
    var locks: [String: LockState] = [:]
    var semaphores: [String: SemaphoreState] = [:]
    var gathers: [GatherState] = []
    var timeouts: [TimeoutState] = []
    /// The most recent task created from each definition, for `await`.
    var latestTask: [String: Int] = [:]
    let definitions: [String: TaskDefinition]
    var instanceCounts: [String: Int] = [:]

    /// The pool that runs the program's tasks: the loop, or the single thread of `sequential`.
    let programPool = 0
    /// `concurrent`: the `to_thread` workers. `threads`/`processes`: the pool the top-level tasks run on.
    let workerPool = 1

    /// Whether waits suspend (asyncio) rather than block a thread.
    var waitsSuspend: Bool { execution == .concurrent }

    init(scenario: Scenario, execution: Execution) {
        self.scenario = scenario
        self.execution = execution
        self.definitions = Dictionary((scenario.tasks + scenario.subtasks).map { ($0.name, $0) }) { first, _ in first }
        self.run = Run(name: execution.rawValue, scenario: scenario.title, clock: "virtual", about: scenario.about)
        switch execution {
        case .sequential, .concurrent:
            pools = [WorkerPool(capacity: 1), WorkerPool(capacity: scenario.threads)]
        case .threads:
            pools = [WorkerPool(capacity: 1), WorkerPool(capacity: scenario.threads)]
            processor = WorkerPool(capacity: scenario.gil ? 1 : scenario.cores)
        case .processes:
            pools = [WorkerPool(capacity: 1), WorkerPool(capacity: scenario.cores)]
        }
        for name in scenario.locks { locks[name] = LockState() }
        for (name, limit) in scenario.semaphores { semaphores[name] = SemaphoreState(available: limit) }
    }

    mutating func simulate() -> Run {
        // Like asyncio.run(main()): a lone top-level task named `main` is the program's main task;
        // otherwise main runs the top-level tasks (gathers them, or calls them in turn).
        let main =
            scenario.tasks.count == 1 && scenario.tasks[0].name == "main"
            ? scenario.tasks[0] : TaskDefinition(name: "main", steps: [.gather(scenario.tasks.map(\.name))])
        createTask(main, parent: nil, pool: programPool)
        while true {
            dispatch()
            guard let timer = nextTimer() else { break }
            now = timer.time
            fire(timer.action)
        }
        recordDeadlock()
        return run
    }

    // MARK: - Running

    /// Runs every task that can run now: continuations first, then ready tasks on free workers.
    mutating func dispatch() {
        while true {
            if let task = continuing.popFirst() {
                execute(task)
                continue
            }
            guard let pool = pools.indices.first(where: { pools[$0].hasFreeWorker && !pools[$0].queue.isEmpty }),
                let task = pools[pool].queue.popFirst()
            else { return }
            pools[pool].busy += 1
            tasks[task].holdsPoolSlot = true
            record(task, .resume)
            execute(task)
        }
    }

    /// Runs `task`'s steps until it waits, holds its worker for a while, or ends.
    mutating func execute(_ task: Int) {
        tasks[task].status = .running
        if let failure = tasks[task].pendingFailure {
            tasks[task].pendingFailure = nil
            raise(failure, in: task)
            return
        }
        while tasks[task].status == .running {
            guard let top = tasks[task].frames.indices.last else {
                finish(task, failure: nil)
                return
            }
            let frame = tasks[task].frames[top]
            guard frame.next < frame.steps.count else {
                tasks[task].frames.removeLast()
                leave(frame, of: task)
                continue
            }
            tasks[task].frames[top].next += 1
            guard perform(frame.steps[frame.next], in: task) else { return }
        }
    }

    // MARK: - Timers

    struct Timer: Comparable {
        enum Action {
            case wake(task: Int, by: String)
            case endCPU(task: Int)
            case expireTimeout(Int)
        }

        var time: Nanoseconds
        var sequence: Int
        var action: Action

        static func < (lhs: Timer, rhs: Timer) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
        static func == (lhs: Timer, rhs: Timer) -> Bool { lhs.sequence == rhs.sequence }
    }

    /// Schedules `action` after `delay`; returns the timer's number, for cancelling it.
    @discardableResult
    mutating func schedule(after delay: Nanoseconds, _ action: Timer.Action) -> Int {
        timerCount += 1
        timers.insert(Timer(time: now + delay, sequence: timerCount, action: action))
        return timerCount
    }

    mutating func cancelTimer(_ sequence: Int) {
        cancelledTimers.insert(sequence)
    }

    private mutating func nextTimer() -> Timer? {
        while let timer = timers.popMin() {
            if cancelledTimers.remove(timer.sequence) == nil { return timer }
        }
        return nil
    }

    private mutating func fire(_ action: Timer.Action) {
        switch action {
        case .wake(let task, let by):
            wake(task, by: by)
        case .endCPU(let task):
            releaseProcessor(of: task)
            continuing.append(task)
        case .expireTimeout(let index):
            expire(timeout: index)
        }
    }

    // MARK: - Recording

    mutating func record(_ task: Int?, _ kind: EventKind, _ detail: EventDetail? = nil) {
        run.events.append(Event(time: now, task: task, kind: kind, detail: detail))
    }

    /// Ends a run in which tasks are left waiting with nothing pending that could wake them.
    private mutating func recordDeadlock() {
        for index in tasks.indices where tasks[index].status != .finished {
            let waitingOn = tasks[index].waitingOn ?? (.cpu, "a free worker")
            record(index, .deadlock, .wait(on: waitingOn.reason, what: waitingOn.what))
        }
    }
}
