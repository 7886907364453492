import LoopLensTrace

/// A task's coroutine: its steps as a stack of frames, and the `await` it is stopped at.
struct Coroutine {
    var frames: [Frame]
    var suspension: Suspension?

    init(steps: [Step]) {
        frames = [Frame(steps: steps)]
    }
}

/// Where a coroutine stopped: which `await`, and so what the code after it does on resuming.
enum Suspension {
    /// `await asyncio.sleep(0)`: a bare `yield`.
    case bareYield
    /// `await future` inside `asyncio.sleep(d)`, whose `finally` cancels the timer.
    case sleep(timer: Int)
    /// `await future` with nothing after it: `io`, an awaited task, a gather, a worker thread.
    case result
    /// Inside `Lock.acquire()`; the frame is the `async with` block entered once it is taken.
    case lock(String, future: Int, then: Frame)
    /// Inside `Semaphore.acquire()`.
    case semaphore(String, future: Int, then: Frame)
    /// Inside `Event.wait()`.
    case event(String, future: Int)
    /// Inside `Queue.put()`, waiting for room.
    case put(String, future: Int)
    /// Inside `Queue.get()`, waiting for an item.
    case get(String, future: Int)
}

/// How a step of the coroutine ended: what `coro.send()` or `coro.throw()` did.
enum CoroutineOutcome {
    /// It yielded a future that is not done: the task waits for it.
    case yielded(future: Int, on: WaitReason, what: String)
    /// It yielded nothing (`sleep(0)`): the task is ready again at once.
    case yieldedNothing(on: WaitReason, what: String)
    case returned
    case raised(Failure)
}

/// What one step (or the code after an await) leads to.
enum StepResult {
    case proceed
    case raise(Failure)
    case suspend(CoroutineOutcome)
}

extension AsyncioSimulation {
    /// Resumes `task`'s coroutine where it stopped, with an exception thrown in or not, and runs it
    /// until it suspends or ends.
    mutating func resume(_ task: Int, throwing failure: Failure?) -> CoroutineOutcome {
        var failure = failure
        if let suspension = tasks[task].coroutine.suspension {
            tasks[task].coroutine.suspension = nil
            switch finishAwait(suspension, in: task, throwing: failure) {
            case .proceed: failure = nil
            case .raise(let raised): failure = raised
            case .suspend(let outcome): return outcome
            }
        }
        if let failure { return unwind(task, raising: failure) }
        while true {
            guard let top = tasks[task].coroutine.frames.indices.last else { return .returned }
            let frame = tasks[task].coroutine.frames[top]
            guard frame.next < frame.steps.count else {
                tasks[task].coroutine.frames.removeLast()
                if let failure = leave(frame, of: task, raising: nil) { return unwind(task, raising: failure) }
                continue
            }
            tasks[task].coroutine.frames[top].next += 1
            switch perform(frame.steps[frame.next], in: task) {
            case .proceed: continue
            case .raise(let failure): return unwind(task, raising: failure)
            case .suspend(let outcome): return outcome
            }
        }
    }

    mutating func enter(_ frame: Frame, in task: Int) {
        tasks[task].coroutine.frames.append(frame)
    }

    private mutating func perform(_ step: Step, in task: Int) -> StepResult {
        switch step {
        case .cpu(let duration):
            advance(to: now + duration)
            origin = now
            return .proceed
        case .sleep(0):
            tasks[task].coroutine.suspension = .bareYield
            return .suspend(.yieldedNothing(on: .sleep, what: "0s"))
        case .sleep(let duration):
            let future = makeFuture(cause: "timer")
            let timer = callAt(now + duration, .resolveSleep(future: future))
            return awaitFuture(future, at: .sleep(timer: timer), in: task, on: .sleep, what: duration.formatted(.compact))
        case .io(0, _):
            return .proceed  // the data is there already: the read returns without suspending
        case .io(let duration, let label):
            let future = makeFuture(cause: "io")
            startRead(taking: duration, resolving: future)
            return awaitFuture(future, at: .result, in: task, on: .io, what: label ?? tasks[task].name)
        case .toThread(let duration):
            let job = runInExecutor(duration, for: task)
            return awaitFuture(job.future, at: .result, in: task, on: .thread, what: job.name)
        case .print(let text):
            record(task: task, .print, .text(text))
            return .proceed
        case .fail(let message):
            return .raise(.error(message))
        case .call(let name):
            enter(Frame(steps: definitions[name]?.steps ?? []), in: task)
            return .proceed
        case .lock(let name, let steps):
            return acquireLock(name, then: Frame(steps: steps, exit: .releaseLock(name)), in: task)
        case .semaphore(let name, let steps):
            return acquireSemaphore(name, then: Frame(steps: steps, exit: .releaseSemaphore(name)), in: task)
        case .timeout(let limit, let steps):
            enterTimeout(limit, steps: steps, in: task)
            return .proceed
        case .spawn(let name):
            if let definition = definitions[name] { createTask(definition, parent: task) }
            return .proceed
        case .await(let name):
            return awaitTask(named: name, in: task)
        case .gather(let names):
            let outer = gather(names, in: task)
            return awaitFuture(outer, at: .result, in: task, on: .gather, what: names.joined(separator: ", "))
        case .setEvent(let name):
            setEvent(name)
            return .proceed
        case .waitEvent(let name):
            return waitEvent(name, in: task)
        case .put(let name):
            return put(name, in: task)
        case .get(let name):
            return get(name, in: task)
        }
    }

    /// `await future`: suspends at `suspension` unless the future is already done
    /// (`Future.__await__` yields only a pending future), in which case it returns or raises.
    mutating func awaitFuture(_ future: Int, at suspension: Suspension, in task: Int, on reason: WaitReason, what: String)
        -> StepResult
    {
        guard futures[future].isPending else {
            return finishAwait(suspension, in: task, throwing: futures[future].failure)
        }
        tasks[task].coroutine.suspension = suspension
        return .suspend(.yielded(future: future, on: reason, what: what))
    }

    /// The code after the await the coroutine stopped at.
    private mutating func finishAwait(_ suspension: Suspension, in task: Int, throwing failure: Failure?) -> StepResult {
        switch suspension {
        case .bareYield, .result:
            return failure.map(StepResult.raise) ?? .proceed
        case .sleep(let timer):
            cancelHandle(timer)
            return failure.map(StepResult.raise) ?? .proceed
        case .lock(let name, let future, let frame):
            return finishAcquiringLock(name, future: future, then: frame, in: task, throwing: failure)
        case .semaphore(let name, let future, let frame):
            return finishAcquiringSemaphore(name, future: future, then: frame, in: task, throwing: failure)
        case .event(let name, let future):
            return finishWaitingForEvent(name, future: future, throwing: failure)
        case .put(let name, let future):
            return finishWaitingToPut(name, future: future, in: task, throwing: failure)
        case .get(let name, let future):
            return finishWaitingToGet(name, future: future, in: task, throwing: failure)
        }
    }

    /// `await task`: returns at once if it is done (raising its exception), else waits for it.
    private mutating func awaitTask(named name: String, in task: Int) -> StepResult {
        guard let target = latestTask[name] else {
            return .raise(.error("await: no task named '\(name)' has been spawned yet"))
        }
        return awaitFuture(tasks[target].future, at: .result, in: task, on: .task, what: tasks[target].name)
    }

    /// Unwinds every frame with an exception (each `async with` runs its `__aexit__`); the
    /// exception that comes out ends the task.
    private mutating func unwind(_ task: Int, raising failure: Failure) -> CoroutineOutcome {
        var failure = failure
        while let frame = tasks[task].coroutine.frames.popLast() {
            failure = leave(frame, of: task, raising: failure) ?? failure
        }
        return .raised(failure)
    }

    /// Leaving a frame, normally or with an exception: the exception that continues, if any.
    private mutating func leave(_ frame: Frame, of task: Int, raising failure: Failure?) -> Failure? {
        switch frame.exit {
        case .none: return failure
        case .releaseLock(let name):
            releaseLock(name, by: task)
            return failure
        case .releaseSemaphore(let name):
            releaseSemaphore(name, by: task)
            return failure
        case .endTimeout(let index):
            return exitTimeout(index, raising: failure)
        }
    }
}
