import DequeModule
import HeapModule
import LoopLensTrace

/// The loop's default executor, which `to_thread` uses: `threads:` worker threads taking the calls
/// first in, first out. Each call is a lane of its own, `TASK:thread`.
struct ThreadPoolExecutor {
    struct Job {
        enum State { case queued, running, finished, cancelled }
        var lane: Int
        var duration: Nanoseconds
        /// The asyncio future the calling task awaits (`wrap_future`).
        var future: Int
        var state = State.queued
    }

    struct RunningJob: Comparable {
        var end: Nanoseconds
        var job: Int

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.end, lhs.job) < (rhs.end, rhs.job) }
    }

    let capacity: Int
    var jobs: [Job] = []
    var queue = Deque<Int>()
    var running = Heap<RunningJob>()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// When the next running job ends.
    var nextEnd: Nanoseconds? { running.min?.end }
}

extension AsyncioSimulation {
    /// `loop.run_in_executor(None, blocking)`: submits the call; returns the future to await and
    /// the call's lane name.
    mutating func runInExecutor(_ duration: Nanoseconds, for task: Int) -> (future: Int, name: String) {
        let name = laneName(for: "\(tasks[task].name):thread")
        let lane = recorder.addLane(named: name, parent: tasks[task].lane)
        recorder.record(lane, .spawn, at: now)
        let future = makeFuture(cause: "thread")
        let job = executor.jobs.count
        executor.jobs.append(ThreadPoolExecutor.Job(lane: lane, duration: duration, future: future))
        addDoneCallback(.cancelThreadJob(job: job), to: future)
        if executor.running.count < executor.capacity {
            startThreadJob(job, at: now)
        } else {
            executor.queue.append(job)
        }
        return (future, name)
    }

    private mutating func startThreadJob(_ job: Int, at time: Nanoseconds) {
        executor.jobs[job].state = .running
        recorder.record(executor.jobs[job].lane, .resume, at: time)
        executor.running.insert(.init(end: time + executor.jobs[job].duration, job: job))
    }

    /// The earliest running job ends: its worker calls `call_soon_threadsafe(_set_state)`, which
    /// queues the callback at once, and takes the next job.
    mutating func finishNextThreadJob() {
        guard let done = executor.running.popMin() else { return }
        executor.jobs[done.job].state = .finished
        recorder.record(executor.jobs[done.job].lane, .finish, .outcome(.ok, error: nil), at: done.end)
        handleCount += 1
        ready.append(Handle(callback: .copyThreadResult(job: done.job), origin: done.end, id: handleCount))
        if let next = executor.queue.popFirst() { startThreadJob(next, at: done.end) }
    }

    /// `_set_state`: the awaited future gets the result, unless the wait was cancelled.
    mutating func copyThreadResult(of job: Int) {
        let future = executor.jobs[job].future
        if futures[future].isPending { setResult(of: future) }
    }

    /// `_call_check_cancel`: a job still queued when its wait is cancelled never runs.
    mutating func cancelThreadJobIfNotStarted(_ job: Int) {
        guard futures[executor.jobs[job].future].isCancelled, executor.jobs[job].state == .queued,
            let position = executor.queue.firstIndex(of: job)
        else { return }
        executor.queue.remove(at: position)
        executor.jobs[job].state = .cancelled
        recorder.record(executor.jobs[job].lane, .finish, .outcome(.cancelled, error: nil), at: now)
    }
}
