// `asyncio.Event` (``EventState``): `set()` wakes every waiter at once, in the order they started waiting.
extension AsyncioSimulation {
    /// `event.set()`.
    mutating func setEvent(_ name: String) {
        guard !events[name]!.isSet else { return }
        events[name]!.isSet = true
        for waiter in events[name]!.waiters where futures[waiter].isPending {
            setResult(of: waiter)
        }
    }

    /// `await event.wait()`: returns at once if the event is set.
    mutating func waitEvent(_ name: String, in task: Int) -> StepResult {
        guard !events[name]!.isSet else { return .proceed }
        let future = makeFuture(cause: "event \(name)")
        events[name]!.waiters.append(future)
        return awaitFuture(future, at: .event(name, future: future), in: task, on: .event, what: name)
    }

    /// The rest of `Event.wait()` after `await fut`.
    mutating func finishWaitingForEvent(_ name: String, future: Int, throwing failure: Failure?) -> StepResult {
        if let index = events[name]!.waiters.firstIndex(of: future) { events[name]!.waiters.remove(at: index) }
        return failure.map(StepResult.raise) ?? .proceed
    }
}
