import LoopLensTrace

/// An `asyncio.Task`: a future driven by a chain of step callbacks. Each step runs the coroutine
/// until it awaits a future that is not done (the task then wakes up through that future's
/// done-callback), yields bare (`sleep(0)`: the next step is scheduled at once), or ends.
struct LoopTask {
    var name: String
    /// The task's lane in the trace.
    var lane: Int
    /// The task's own future, which its awaiters and gathers wait on.
    var future: Int
    var coroutine: Coroutine
    /// `_fut_waiter`: the future the task waits on.
    var waiter: Int?
    /// `_must_cancel`: a cancellation to throw in at the next step (its wait had already ended).
    var mustCancel = false
    var cancelCause = "cancel"
    /// `_num_cancels_requested`: `cancelling()`, lowered by `uncancel()`.
    var cancelsRequested = 0
    /// When it last suspended: no `ready` is stamped earlier than this.
    var suspendedAt: Nanoseconds = 0
    /// What it waits on while suspended, for a deadlock report.
    var waitingOn: (reason: WaitReason, what: String)?
}

extension AsyncioSimulation {
    /// `loop.create_task(coro)`: records the spawn and schedules the task's first step.
    @discardableResult
    mutating func createTask(_ definition: TaskDefinition, parent: Int?) -> Int {
        let task = tasks.count
        let name = laneName(for: definition.name)
        let lane = recorder.addLane(named: name, parent: parent.map { tasks[$0].lane })
        let future = makeFuture(cause: "task \(name)", kind: .task(task))
        tasks.append(LoopTask(name: name, lane: lane, future: future, coroutine: Coroutine(steps: definition.steps)))
        record(task: task, .spawn)
        latestTask[definition.name] = task
        callSoon(.step(task: task))
        return task
    }

    /// `Task.__step(exc)`, which `Task.__wakeup` calls with the awaited future's exception.
    mutating func step(_ task: Int, throwing failure: Failure?) {
        guard futures[tasks[task].future].isPending else { return }
        var failure = failure
        if tasks[task].mustCancel {
            if failure != .cancelled { failure = .cancelled }
            tasks[task].mustCancel = false
        }
        tasks[task].waiter = nil
        tasks[task].waitingOn = nil
        origin = now
        record(task: task, .resume)
        switch resume(task, throwing: failure) {
        case .returned:
            record(task: task, .finish, .outcome(.ok, error: nil))
            setResult(of: tasks[task].future)
        case .raised(let failure):
            record(task: task, .finish, .outcome(failure.result, error: failure.message))
            if failure == .cancelled {
                cancelFuture(tasks[task].future, by: "task \(tasks[task].name)")
            } else {
                setException(failure, of: tasks[task].future)
            }
        case .yielded(let future, let reason, let what):
            suspend(task, on: reason, what: what)
            tasks[task].waiter = future
            addDoneCallback(.wakeUp(task: task, future: future), to: future)
            if tasks[task].mustCancel, cancel(future, by: tasks[task].cancelCause) { tasks[task].mustCancel = false }
        case .yieldedNothing(let reason, let what):
            suspend(task, on: reason, what: what)
            noteReady(task, by: "yield")
            callSoon(.step(task: task))
        }
    }

    private mutating func suspend(_ task: Int, on reason: WaitReason, what: String) {
        record(task: task, .suspend, .wait(on: reason, what: what))
        tasks[task].suspendedAt = now
        tasks[task].waitingOn = (reason, what)
    }

    /// Records that `task`'s wait is over: from the instant its cause happened, or its suspension if later.
    mutating func noteReady(_ task: Int, by cause: String) {
        tasks[task].waitingOn = nil
        record(task: task, .ready, .wake(by: cause), at: max(origin, tasks[task].suspendedAt))
    }

    /// `Task.cancel()`: cancels the future the task waits on, or, if there is none (its next step is
    /// already scheduled), throws CancelledError in at that step.
    @discardableResult
    mutating func cancelTask(_ task: Int, by cause: String) -> Bool {
        guard futures[tasks[task].future].isPending else { return false }
        tasks[task].cancelsRequested += 1
        if let waiter = tasks[task].waiter, cancel(waiter, by: cause) { return true }
        tasks[task].mustCancel = true
        tasks[task].cancelCause = cause
        return true
    }

    /// `Task.uncancel()`: returns the cancellation requests left.
    mutating func uncancel(_ task: Int) -> Int {
        if tasks[task].cancelsRequested > 0 { tasks[task].cancelsRequested -= 1 }
        return tasks[task].cancelsRequested
    }
}
