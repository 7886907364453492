import DequeModule
import HeapModule
import LoopLensTrace

/// The `concurrent` execution: CPython's asyncio, modelled callback by callback.
///
/// The parts follow `Lib/asyncio`, one file each: the event loop with its FIFO of ready callbacks
/// and its timer heap (`EventLoop.swift`), futures and their done-callbacks (`Future.swift`), tasks
/// as chains of step callbacks (`LoopTask.swift`) driving coroutines (`Coroutine.swift`), `gather`,
/// `timeout`, the synchronisation primitives, the default thread pool, and `asyncio.run` (this
/// file). The order in which tasks resume follows from these hops alone: nothing is special-cased.
///
/// Time is virtual: only `cpu` steps (and waits) take time; the hops take none, they decide order.
struct AsyncioSimulation {
    let scenario: Scenario
    let definitions: [String: TaskDefinition]
    var recorder: EventRecorder

    // The loop (EventLoop.swift).
    var now: Nanoseconds = 0
    var ready = Deque<Handle>()
    var timers = Heap<TimerHandle>()
    var pendingReads = Heap<PendingRead>()
    var handleCount = 0
    var cancelledHandles = Set<Int>()
    var stopping = false
    /// When the event that led to the code now running happened. A callback that merely passes a
    /// result on (a timer firing, a future's done-callback) keeps the time of what caused it; task
    /// code runs at the loop's time. A wait that this ends is `ready` from then, even when the loop
    /// gets to the waiting task later.
    var origin: Nanoseconds = 0

    // The objects callbacks refer to, by index.
    var futures: [FutureState] = []
    var tasks: [LoopTask] = []
    var gathers: [GatheringFuture] = []
    var timeouts: [TimeoutContext] = []
    var locks: [String: AsyncLock] = [:]
    var semaphores: [String: AsyncSemaphore] = [:]
    var events: [String: EventState] = [:]
    var queues: [String: QueueState] = [:]
    var executor: ThreadPoolExecutor

    /// The most recent task created from each definition, for `await`.
    var latestTask: [String: Int] = [:]
    var instanceCounts: [String: Int] = [:]

    init(scenario: Scenario, eventLimit: Int, progress: Simulator.Progress?) {
        self.scenario = scenario
        self.definitions = Dictionary((scenario.tasks + scenario.subtasks).map { ($0.name, $0) }) { first, _ in first }
        self.recorder = EventRecorder(execution: .concurrent, scenario: scenario, limit: eventLimit, progress: progress)
        self.executor = ThreadPoolExecutor(capacity: scenario.threads)
        for name in scenario.locks { locks[name] = AsyncLock() }
        for (name, limit) in scenario.semaphores { semaphores[name] = AsyncSemaphore(value: limit) }
        for name in scenario.events { events[name] = EventState() }
        for (name, size) in scenario.queues { queues[name] = QueueState(maxsize: size) }
    }

    /// `asyncio.run(main())`, as `asyncio.runners` does it: run the main task until it is done;
    /// then cancel every task still pending and run until they have all finished; then wait for
    /// the worker threads (`shutdown_default_executor`).
    mutating func simulate() throws(EventLimitExceeded) -> Run {
        let main = createTask(Self.mainDefinition(of: scenario), parent: nil)
        addDoneCallback(.stopLoop, to: tasks[main].future)
        guard runForever() else { return try deadlocked() }

        let pending = tasks.indices.filter { futures[tasks[$0].future].isPending }
        if !pending.isEmpty {
            origin = now
            for task in pending { cancelTask(task, by: "asyncio.run") }
            let outer = gatherFutures(pending.map { tasks[$0].future }, returnExceptions: true)
            addDoneCallback(.stopLoop, to: outer)
            guard runForever() else { return try deadlocked() }
        }
        while let end = executor.nextEnd, !recorder.isFull { advance(to: end) }
        return try recorder.finish()
    }

    /// Like `asyncio.run(main())`: a lone top-level task named `main` is the program's main task;
    /// otherwise main gathers the top-level tasks.
    static func mainDefinition(of scenario: Scenario) -> TaskDefinition {
        scenario.tasks.count == 1 && scenario.tasks[0].name == "main"
            ? scenario.tasks[0] : TaskDefinition(name: "main", steps: [.gather(scenario.tasks.map(\.name))])
    }

    /// Ends a run in which tasks wait with nothing pending that could wake them: where asyncio
    /// would wait forever, the trace gets a `deadlock` event for each, naming what it waits on.
    private consuming func deadlocked() throws(EventLimitExceeded) -> Run {
        for task in tasks where futures[task.future].isPending {
            let waitingOn = task.waitingOn ?? (.other, "the loop")
            recorder.record(task.lane, .deadlock, .wait(on: waitingOn.reason, what: waitingOn.what), at: now)
        }
        return try recorder.finish()
    }

    // MARK: - Recording

    mutating func record(task: Int, _ kind: EventKind, _ detail: EventDetail? = nil, at time: Nanoseconds? = nil) {
        recorder.record(tasks[task].lane, kind, detail, at: time ?? now)
    }

    /// A new lane's name: the definition's name, then `name#2`, `name#3` for later instances.
    mutating func laneName(for name: String) -> String {
        let count = instanceCounts[name, default: 0] + 1
        instanceCounts[name] = count
        return count == 1 ? name : "\(name)#\(count)"
    }
}
