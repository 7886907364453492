import DequeModule
import HeapModule
import LoopLensTrace

/// The executions in which a wait blocks its thread: `sequential` (the synchronous program on one
/// thread), `threads` (each top-level task on a pool of OS threads, `cpu` under the GIL) and
/// `processes` (each top-level task on a pool of `cores` processes).
///
/// A discrete-event simulation. Tasks run on worker pools and execute their steps in zero time
/// until they block; `cpu` keeps the worker (and the GIL or a core) busy for its duration. The
/// engine alternates between running everything that can run now (``dispatch()``) and firing the
/// earliest timer; ties go in scheduling order, so the same scenario gives the same trace byte for
/// byte. (`concurrent` is ``AsyncioSimulation``: asyncio is modelled callback by callback.)
struct ThreadEngine {
    let scenario: Scenario
    let execution: Execution
    var recorder: EventRecorder
    var now: Nanoseconds = 0

    var tasks: [BlockingTask] = []
    var pools: [WorkerPool] = []
    /// What `cpu` steps need under `threads`: the GIL, or one of `cores`; nil where the worker suffices.
    var processor: Processor?
    /// Tasks that hold a worker and continue now: after `cpu`, or when a blocking wait ends.
    var continuing = Deque<Int>()
    var timers = Heap<Timer>()
    var timerCount = 0
    var cancelledTimers = Set<Int>()
    var locks: [String: LockState] = [:]
    var semaphores: [String: SemaphoreState] = [:]
    var events: [String: EventState] = [:]
    var queues: [String: QueueState] = [:]
    var gathers: [GatherState] = []
    var timeouts: [TimeoutState] = []
    /// The most recent task created from each definition, for `await`.
    var latestTask: [String: Int] = [:]
    let definitions: [String: TaskDefinition]
    var instanceCounts: [String: Int] = [:]

    /// The pool that runs the program's main thread.
    let programPool = 0
    /// The pool the top-level tasks run on under `threads`/`processes`.
    let workerPool = 1

    init(scenario: Scenario, execution: Execution, eventLimit: Int, progress: Simulator.Progress?) {
        precondition(execution != .concurrent, "the concurrent execution is AsyncioSimulation")
        self.scenario = scenario
        self.execution = execution
        self.definitions = Dictionary((scenario.tasks + scenario.subtasks).map { ($0.name, $0) }) { first, _ in first }
        self.recorder = EventRecorder(execution: execution, scenario: scenario, limit: eventLimit, progress: progress)
        let workers = execution == .processes ? scenario.cores : scenario.threads
        pools = [WorkerPool(capacity: 1), WorkerPool(capacity: workers)]
        if execution == .threads {
            processor =
                scenario.gil
                ? Processor(capacity: 1, switchInterval: scenario.switchInterval) : Processor(capacity: scenario.cores, switchInterval: nil)
        }
        for name in scenario.locks { locks[name] = LockState() }
        for (name, limit) in scenario.semaphores { semaphores[name] = SemaphoreState(available: limit) }
        for name in scenario.events { events[name] = EventState() }
        for (name, size) in scenario.queues { queues[name] = QueueState(maxsize: size) }
    }

    mutating func simulate() throws(EventLimitExceeded) -> Run {
        createTask(AsyncioSimulation.mainDefinition(of: scenario), parent: nil, pool: programPool)
        while !recorder.isFull {
            dispatch()
            guard let timer = nextTimer() else { break }
            now = timer.time
            fire(timer.action)
        }
        recordDeadlock()
        return try recorder.finish()
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

    /// Runs `task`'s steps until it blocks, computes for a while, or ends.
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
            /// A thread has waited a switch interval for the GIL: the holder must drop it.
            case switchGIL
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
            tasks[task].computing = nil
            continuing.append(task)
        case .expireTimeout(let index):
            expire(timeout: index)
        case .switchGIL:
            switchProcessor()
        }
    }

    // MARK: - Recording

    mutating func record(_ task: Int?, _ kind: EventKind, _ detail: EventDetail? = nil) {
        recorder.record(task, kind, detail, at: now)
    }

    /// Ends a run in which tasks are left waiting with nothing pending that could wake them.
    private mutating func recordDeadlock() {
        for index in tasks.indices where tasks[index].status != .finished {
            let waitingOn = tasks[index].waitingOn ?? (.cpu, "a free worker")
            record(index, .deadlock, .wait(on: waitingOn.reason, what: waitingOn.what))
        }
    }
}
