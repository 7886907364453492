import LoopLensTrace

/// An `asyncio.Future`: pending until it gets a result or an exception or is cancelled; then it
/// schedules its done-callbacks with `call_soon`, in the order they were added.
struct FutureState {
    enum State {
        case pending, result, cancelled
        case exception(Failure)
    }

    /// What the future is, where cancelling it means more than marking it cancelled.
    enum Kind {
        case plain
        /// A task's own future (`Task` is a `Future`): cancelling it is `Task.cancel()`.
        case task(Int)
        /// The outer future of a `gather`: cancelling it cancels the children.
        case gather(Int)
    }

    var state = State.pending
    var kind: Kind
    var callbacks: [Callback] = []
    /// What its completion means to a task waiting on it, the `by` of that task's `ready` event:
    /// `timer`, `io`, `lock db`, `task fetch1`, `gather`, `thread`, `timeout`…
    var cause: String

    var isPending: Bool { if case .pending = state { true } else { false } }
    var isCancelled: Bool { if case .cancelled = state { true } else { false } }

    /// What `future.result()` raises in a waiter: its exception, or CancelledError if cancelled.
    var failure: Failure? {
        switch state {
        case .pending, .result: nil
        case .cancelled: .cancelled
        case .exception(let failure): failure
        }
    }
}

extension AsyncioSimulation {
    /// `loop.create_future()`.
    mutating func makeFuture(cause: String, kind: FutureState.Kind = .plain) -> Int {
        futures.append(FutureState(kind: kind, cause: cause))
        return futures.count - 1
    }

    /// `future.add_done_callback(callback)`: scheduled at once if the future is already done.
    mutating func addDoneCallback(_ callback: Callback, to future: Int) {
        if futures[future].isPending {
            futures[future].callbacks.append(callback)
        } else {
            callSoon(callback)
        }
    }

    /// `future.set_result(...)`.
    mutating func setResult(of future: Int, cause: String? = nil) {
        complete(future, as: .result, cause: cause)
    }

    /// `future.set_exception(...)`.
    mutating func setException(_ failure: Failure, of future: Int, cause: String? = nil) {
        complete(future, as: .exception(failure), cause: cause)
    }

    /// `future.cancel()`, for any future: a task's is `Task.cancel()`, a gather's cancels its children.
    @discardableResult
    mutating func cancel(_ future: Int, by cause: String) -> Bool {
        switch futures[future].kind {
        case .task(let task): cancelTask(task, by: cause)
        case .gather(let gather): cancelGather(gather, by: cause)
        case .plain: cancelFuture(future, by: cause)
        }
    }

    /// `Future.cancel()` itself: a pending future becomes cancelled and calls back.
    @discardableResult
    mutating func cancelFuture(_ future: Int, by cause: String) -> Bool {
        guard futures[future].isPending else { return false }
        complete(future, as: .cancelled, cause: cause)
        return true
    }

    /// `Future.__schedule_callbacks()`: each done-callback goes to `call_soon`. A task whose wake-up
    /// is among them is ready from now on.
    private mutating func complete(_ future: Int, as state: FutureState.State, cause: String?) {
        guard futures[future].isPending else { return }
        futures[future].state = state
        if let cause { futures[future].cause = cause }
        let callbacks = futures[future].callbacks
        futures[future].callbacks = []
        for callback in callbacks {
            if case .wakeUp(let task, _) = callback { noteReady(task, by: futures[future].cause) }
            callSoon(callback)
        }
    }
}
