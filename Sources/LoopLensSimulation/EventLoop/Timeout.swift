import LoopLensTrace

/// An `async with asyncio.timeout(d):` block (`asyncio.Timeout`).
struct TimeoutContext {
    enum State { case entered, expiring, expired, exited }

    var task: Int
    var limit: Nanoseconds
    var state = State.entered
    /// The handle of `_on_timeout`, until it runs or the block ends.
    var handler: Int?
    /// `task.cancelling()` on entry: more cancellations than this on exit are someone else's.
    var cancelling: Int
}

extension AsyncioSimulation {
    /// `Timeout.__aenter__`: schedules `_on_timeout` at the deadline (`call_soon` if it has passed).
    mutating func enterTimeout(_ limit: Nanoseconds, steps: [Step], in task: Int) {
        let index = timeouts.count
        let when = now + limit
        let handler = when <= now ? callSoon(.expireTimeout(index)) : callAt(when, .expireTimeout(index))
        timeouts.append(TimeoutContext(task: task, limit: limit, handler: handler, cancelling: tasks[task].cancelsRequested))
        enter(Frame(steps: steps, exit: .endTimeout(index)), in: task)
    }

    /// `Timeout._on_timeout`: cancels the task; the CancelledError reaches it at its await.
    mutating func expireTimeout(_ index: Int) {
        timeouts[index].handler = nil
        guard timeouts[index].state == .entered else { return }
        cancelTask(timeouts[index].task, by: "timeout")
        timeouts[index].state = .expiring
    }

    /// `Timeout.__aexit__`: the cancellation it caused becomes TimeoutError; returns the exception
    /// that continues.
    mutating func exitTimeout(_ index: Int, raising failure: Failure?) -> Failure? {
        if let handler = timeouts[index].handler {
            cancelHandle(handler)
            timeouts[index].handler = nil
        }
        switch timeouts[index].state {
        case .expiring:
            timeouts[index].state = .expired
            if uncancel(timeouts[index].task) <= timeouts[index].cancelling, failure == .cancelled {
                return .timeoutError(after: timeouts[index].limit)
            }
        case .entered:
            timeouts[index].state = .exited
        case .expired, .exited:
            break
        }
        return failure
    }
}
