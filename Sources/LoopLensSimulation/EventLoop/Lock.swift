/// An `asyncio.Lock`. `release()` unlocks it and wakes the first waiter, which takes the lock when
/// it runs; until then it stays first in line, so a task asking meanwhile queues behind it.
struct AsyncLock {
    var locked = false
    /// The waiters' futures, first in first out; a woken waiter leaves when it runs.
    var waiters: [Int] = []
}

extension AsyncioSimulation {
    /// `async with lock:` — `Lock.acquire()`, then the block.
    mutating func acquireLock(_ name: String, then block: Frame, in task: Int) -> StepResult {
        let lock = locks[name]!
        if !lock.locked && lock.waiters.allSatisfy({ futures[$0].isCancelled }) {
            locks[name]!.locked = true
            record(task: task, .acquire, .wait(on: .lock, what: name))
            enter(block, in: task)
            return .proceed
        }
        let future = makeFuture(cause: "lock \(name)")
        locks[name]!.waiters.append(future)
        return awaitFuture(future, at: .lock(name, future: future, then: block), in: task, on: .lock, what: name)
    }

    /// The rest of `Lock.acquire()` after `await fut`.
    mutating func finishAcquiringLock(_ name: String, future: Int, then block: Frame, in task: Int, throwing failure: Failure?)
        -> StepResult
    {
        if let index = locks[name]!.waiters.firstIndex(of: future) { locks[name]!.waiters.remove(at: index) }
        if let failure {
            if !locks[name]!.locked { wakeFirstWaiter(ofLock: name) }
            return .raise(failure)
        }
        locks[name]!.locked = true
        record(task: task, .acquire, .wait(on: .lock, what: name))
        enter(block, in: task)
        return .proceed
    }

    /// `Lock.release()`, by `task`.
    mutating func releaseLock(_ name: String, by task: Int) {
        record(task: task, .release, .wait(on: .lock, what: name))
        locks[name]!.locked = false
        wakeFirstWaiter(ofLock: name)
    }

    /// `Lock._wake_up_first()`: a first waiter already woken is left to take the lock.
    private mutating func wakeFirstWaiter(ofLock name: String) {
        guard let first = locks[name]!.waiters.first, futures[first].isPending else { return }
        setResult(of: first)
    }
}
