/// An `asyncio.Semaphore`, as in CPython 3.12. `release()` gives the slot straight to the first
/// waiter; a task asking while others wait queues behind them even if a slot is free.
struct AsyncSemaphore {
    var value: Int
    var waiters: [Int] = []
}

extension AsyncioSimulation {
    /// `async with semaphore:` — `Semaphore.acquire()`, then the block.
    mutating func acquireSemaphore(_ name: String, then block: Frame, in task: Int) -> StepResult {
        let semaphore = semaphores[name]!
        let locked = semaphore.value == 0 || semaphore.waiters.contains { !futures[$0].isCancelled }
        if !locked {
            semaphores[name]!.value -= 1
            record(task: task, .acquire, .wait(on: .semaphore, what: name))
            enter(block, in: task)
            return .proceed
        }
        let future = makeFuture(cause: "semaphore \(name)")
        semaphores[name]!.waiters.append(future)
        return awaitFuture(future, at: .semaphore(name, future: future, then: block), in: task, on: .semaphore, what: name)
    }

    /// The rest of `Semaphore.acquire()` after `await fut`.
    mutating func finishAcquiringSemaphore(
        _ name: String, future: Int, then block: Frame, in task: Int, throwing failure: Failure?
    ) -> StepResult {
        if let index = semaphores[name]!.waiters.firstIndex(of: future) { semaphores[name]!.waiters.remove(at: index) }
        if let failure {
            // Woken, then cancelled before running: the slot it was given goes to the next waiter.
            if !futures[future].isCancelled {
                semaphores[name]!.value += 1
                wakeNextWaiter(ofSemaphore: name)
            }
            return .raise(failure)
        }
        if semaphores[name]!.value > 0 { wakeNextWaiter(ofSemaphore: name) }
        record(task: task, .acquire, .wait(on: .semaphore, what: name))
        enter(block, in: task)
        return .proceed
    }

    /// `Semaphore.release()`, by `task`.
    mutating func releaseSemaphore(_ name: String, by task: Int) {
        record(task: task, .release, .wait(on: .semaphore, what: name))
        semaphores[name]!.value += 1
        wakeNextWaiter(ofSemaphore: name)
    }

    /// `Semaphore._wake_up_next()`: the first waiter not yet woken takes the slot.
    private mutating func wakeNextWaiter(ofSemaphore name: String) {
        guard let next = semaphores[name]!.waiters.first(where: { futures[$0].isPending }) else { return }
        semaphores[name]!.value -= 1
        setResult(of: next)
    }
}
