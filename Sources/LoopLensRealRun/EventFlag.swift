import Synchronization

/// An `asyncio.Event`: `set()` wakes every waiter; waiting on a set event returns at once.
final class EventFlag: Sendable {
    private let state = Mutex<(isSet: Bool, waiters: [Waiter])>((false, []))

    /// Sets the flag and wakes every waiter.
    func set() {
        let waiters = state.withLock { state in
            state.isSet = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Queues `waiter` unless the flag is set; returns whether it is set (no need to wait).
    func isSet(orQueue waiter: Waiter) -> Bool {
        state.withLock { state in
            if !state.isSet { state.waiters.append(waiter) }
            return state.isSet
        }
    }
}
