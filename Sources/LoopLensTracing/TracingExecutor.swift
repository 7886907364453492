import DequeModule
import Foundation
import LoopLensTrace

/// A task executor that runs jobs on its own threads and records, with monotonic timestamps, when
/// each task is enqueued (`spawn`, then `ready`), when a worker starts it (`resume`) and when its
/// job returns (`suspend`, or `finish` for its last).
///
/// Prefer it for a body of work with `withTaskExecutorPreference(_:operation:)` or
/// `Task(executorPreference:)`: child tasks and task groups inherit the preference, so they are
/// traced too. ``LoopLensTracer/record(to:run:title:threads:_:)`` does this for you.
///
/// A task's parent is the traced task that was running when it was first enqueued. Names come from
/// `Task.name`, which Swift only lets a task read about itself: the executor reads it when a task
/// enqueues another (spawning a child, waking a waiter), and ``LoopLensTracer`` reads it whenever
/// a task announces a wait or marks its lane.
public final class TracingExecutor: TaskExecutor, @unchecked Sendable {
    /// How many threads run jobs.
    public enum Threads: Sendable, Hashable {
        /// One thread, like an event loop: one task runs at a time.
        case serial
        /// A pool of threads sharing one FIFO queue.
        case pooled(Int)

        var count: Int {
            switch self {
            case .serial: 1
            case .pooled(let count): max(1, count)
            }
        }
    }

    private struct QueuedJob {
        var job: UnownedJob
        /// The job's task index in the recording, or -1 when it is not recorded.
        var task: Int32
    }

    // `@unchecked Sendable`: every stored property below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: Deque<QueuedJob> = []
    private var recording: Recording?
    private var workers: [WorkerContext] = []
    private var liveWorkers = 0
    private var isStopping = false
    /// How many callers of ``stopRecording(after:grace:)`` wait on `condition`: only then does a
    /// worker wake every waiter when a slice ends (a broadcast per job cost more than the job).
    private var stoppersWaiting = 0

    /// Starts the worker threads and begins recording.
    public init(_ threads: Threads = .serial) {
        recording = Recording()
        condition.lock()
        for _ in 0..<threads.count { startWorker() }
        condition.unlock()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let runtimeID = Self.runtimeID(of: job)
        let context = WorkerContext.current.flatMap { $0.executor === self ? $0 : nil }
        let waker = context?.runningTask ?? -1
        // `Task.name` here is the waker's own name: the enqueue runs inside its job.
        let readsName = waker >= 0 && context!.runningTaskNeedsName
        let wakerName = readsName ? Task.name : nil
        let time = MonotonicClock.now()

        condition.lock()
        var task: Int32 = -1
        if runtimeID != 0, recording != nil {
            task = recording!.enqueued(runtimeID: runtimeID, at: time, by: waker)
            // A task enqueuing itself (`Task.yield()`) is surely the current task, so a missing
            // name means it has none. (A child that just finished is no longer current when it
            // wakes its parent.)
            if readsName, wakerName != nil || task == waker {
                recording!.name(waker, wakerName)
                context!.runningTaskNeedsName = false
            }
        }
        queue.append(QueuedJob(job: job, task: task))
        if liveWorkers == 0 { startWorker() }
        // A signal could wake a waiting stopper instead of a worker.
        if stoppersWaiting > 0 { condition.broadcast() } else { condition.signal() }
        condition.unlock()
    }

    /// The tracing executor whose worker thread the caller runs on, if any: prefer it for an
    /// unstructured task (`Task(executorPreference: TracingExecutor.current)`) to keep it traced.
    public static var current: TracingExecutor? {
        WorkerContext.current?.executor
    }

    /// Stops recording once the task with recording index `task` has no job running, then lets
    /// the workers end when the queue is empty. Jobs enqueued later still run, untraced.
    ///
    /// On a pool, other workers may still be noting that a job returned (the children that woke
    /// `task`): recording waits for every worker to be idle, but at most `grace`, since a task
    /// the body did not wait for may run on.
    /// Call it once.
    func stopRecording(after task: Int32, grace: TimeInterval = 0.1) -> Recording {
        let giveUp = Date(timeIntervalSinceNow: grace)
        condition.lock()
        defer { condition.unlock() }
        stoppersWaiting += 1
        while workers.contains(where: { $0.runningTask == task }) { condition.wait() }
        while workers.contains(where: { $0.runningTask >= 0 }), condition.wait(until: giveUp) {}
        stoppersWaiting -= 1
        guard let finished = recording else { preconditionFailure("stopRecording called twice") }
        recording = nil
        isStopping = true
        condition.broadcast()
        return finished
    }

    /// Runs `change` on the recording for the task whose job is running on the calling thread
    /// (having first read its name, if still unknown), and returns the executor and what `change`
    /// returned. Does nothing and returns `nil` when the caller is not a traced task.
    @discardableResult
    static func updateRunningTask<Value>(_ change: (inout Recording, Int32, Int64) -> Value) -> (TracingExecutor, Value)? {
        guard let context = WorkerContext.current, context.runningTask >= 0 else { return nil }
        let readsName = context.runningTaskNeedsName
        let name = readsName ? Task.name : nil
        let time = MonotonicClock.now()
        let executor = context.executor
        executor.condition.lock()
        defer { executor.condition.unlock() }
        guard executor.recording != nil else { return nil }
        if readsName {
            executor.recording!.name(context.runningTask, name)
            context.runningTaskNeedsName = false
        }
        return (executor, change(&executor.recording!, context.runningTask, time))
    }

    /// Adds a lane for work that is not a Swift task (a blocking call on another thread), as a
    /// child of the task running on the calling thread. `name` gets the task's name.
    static func addLane(named name: (String?) -> String) -> Lane? {
        let added = updateRunningTask { recording, task, time -> (index: Int32, name: String) in
            let laneName = name(recording.tasks[Int(task)].name)
            return (recording.addLane(named: laneName, parent: task, at: time), laneName)
        }
        return added.map { executor, lane in Lane(executor: executor, index: lane.index, name: lane.name) }
    }

    /// A lane for work that is not a Swift task.
    struct Lane {
        var executor: TracingExecutor
        var index: Int32
        var name: String

        /// Records that the lane's work started.
        func start() { executor.recordLane(index, started: true) }

        /// Records that the lane's work ended, with an error message if it failed.
        func end(failure: String?) {
            executor.recordLane(index, started: false, outcome: failure.map { .outcome(.error, error: $0) })
        }
    }

    private func recordLane(_ lane: Int32, started: Bool, outcome: EventDetail? = nil) {
        let time = MonotonicClock.now()
        condition.lock()
        if started {
            recording?.resumed(lane, at: time)
        } else {
            if let outcome { recording?.announceOutcome(of: lane, outcome) }
            recording?.sliceEnded(lane, at: time)
        }
        condition.unlock()
    }

    /// Must be called with `condition` held.
    private func startWorker() {
        let context = WorkerContext(executor: self)
        workers.append(context)
        liveWorkers += 1
        let thread = Thread { [self] in work(in: context) }
        thread.name = "LoopLens worker \(workers.count)"
        thread.start()
    }

    private func work(in context: WorkerContext) {
        context.install()
        var finishedSlice: (task: Int32, time: Int64)?
        condition.lock()
        while true {
            if let slice = finishedSlice {
                recording?.sliceEnded(slice.task, at: slice.time)
                context.runningTask = -1
                if stoppersWaiting > 0 { condition.broadcast() }
            }
            while queue.isEmpty && !isStopping { condition.wait() }
            guard let next = queue.popFirst() else { break }
            if next.task >= 0, recording != nil {
                recording!.resumed(next.task, at: MonotonicClock.now())
                context.runningTask = next.task
                context.runningTaskNeedsName = recording!.needsName(next.task)
            }
            condition.unlock()
            next.job.runSynchronously(on: asUnownedTaskExecutor())
            finishedSlice = context.runningTask >= 0 ? (context.runningTask, MonotonicClock.now()) : nil
            condition.lock()
        }
        liveWorkers -= 1
        condition.unlock()
    }

    /// The id the Swift runtime gives a job's task (the one `ExecutorJob.description` prints), or 0
    /// for a job that is not a task. No public property carries it; the standard library's own
    /// `description` asks the runtime the same way, and this costs no `String` per job.
    private static func runtimeID(of job: UnownedJob) -> UInt64 {
        jobTaskID(job)
    }
}

/// The Swift runtime's entry point behind `ExecutorJob.description`'s id (libswift_Concurrency
/// exports it; the standard library declares it the same way).
@_silgen_name("swift_task_getJobTaskId")
private func jobTaskID(_ job: UnownedJob) -> UInt64
