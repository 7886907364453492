import DequeModule

// `asyncio.Queue` of anonymous items (``QueueState``). A woken getter is not promised the item: if
// another task takes it first, the getter waits again (`while self.empty()`), as in CPython.
extension AsyncioSimulation {
    /// `await queue.put(item)`: waits while the queue is full.
    mutating func put(_ name: String, in task: Int) -> StepResult {
        guard queues[name]!.isFull else {
            queues[name]!.items += 1
            wakeNext(of: \.getters, in: name)
            return .proceed
        }
        let putter = makeFuture(cause: "queue \(name)")
        queues[name]!.putters.append(putter)
        return awaitFuture(putter, at: .put(name, future: putter), in: task, on: .queue, what: name)
    }

    /// `await queue.get()`: waits while the queue is empty.
    mutating func get(_ name: String, in task: Int) -> StepResult {
        guard queues[name]!.items == 0 else {
            queues[name]!.items -= 1
            wakeNext(of: \.putters, in: name)
            return .proceed
        }
        let getter = makeFuture(cause: "queue \(name)")
        queues[name]!.getters.append(getter)
        return awaitFuture(getter, at: .get(name, future: getter), in: task, on: .queue, what: name)
    }

    /// The rest of `Queue.put()`'s loop after `await putter`: try again, or clean up and raise.
    mutating func finishWaitingToPut(_ name: String, future: Int, in task: Int, throwing failure: Failure?) -> StepResult {
        guard let failure else { return put(name, in: task) }
        giveUp(future, in: \.putters, of: name, passOnIf: !queues[name]!.isFull)
        return .raise(failure)
    }

    /// The rest of `Queue.get()`'s loop after `await getter`.
    mutating func finishWaitingToGet(_ name: String, future: Int, in task: Int, throwing failure: Failure?) -> StepResult {
        guard let failure else { return get(name, in: task) }
        giveUp(future, in: \.getters, of: name, passOnIf: queues[name]!.items > 0)
        return .raise(failure)
    }

    /// The `except:` of `put`/`get`: cancel the waiter's future, leave the line, and pass a wake-up
    /// it received on to the next waiter.
    private mutating func giveUp(
        _ future: Int, in waiters: WritableKeyPath<QueueState, Deque<Int>>, of name: String, passOnIf condition: Bool
    ) {
        cancelFuture(future, by: "cancel")
        if let index = queues[name]![keyPath: waiters].firstIndex(of: future) {
            queues[name]![keyPath: waiters].remove(at: index)
        }
        if condition && !futures[future].isCancelled { wakeNext(of: waiters, in: name) }
    }

    /// `Queue._wakeup_next(waiters)`: wakes the first waiter not already done.
    private mutating func wakeNext(of waiters: WritableKeyPath<QueueState, Deque<Int>>, in name: String) {
        while let waiter = queues[name]![keyPath: waiters].popFirst() {
            if futures[waiter].isPending {
                setResult(of: waiter)
                return
            }
        }
    }
}
