import DequeModule
import Synchronization

/// An `asyncio.Semaphore` (a lock is one with a limit of 1): acquiring takes a free slot at once,
/// otherwise waits first-in first-out; a release hands its slot straight to the first waiter.
final class FIFOSemaphore: Sendable {
    private struct State {
        var free: Int
        var waiters: Deque<Waiter> = []
    }

    private let state: Mutex<State>

    init(limit: Int) {
        state = Mutex(State(free: limit))
    }

    /// Takes a slot if one is free; otherwise queues `waiter`, which the releasing task resumes.
    /// Returns whether the slot was taken at once.
    func acquire(queueing waiter: Waiter) -> Bool {
        state.withLock { state in
            if state.free > 0 && state.waiters.isEmpty {
                state.free -= 1
                return true
            }
            state.waiters.append(waiter)
            return false
        }
    }

    /// Gives the slot back: to the first waiter still waiting, or to the pool.
    func release() {
        while true {
            let next: Waiter? = state.withLock { state in
                guard let first = state.waiters.popFirst() else {
                    state.free += 1
                    return nil
                }
                return first
            }
            // A waiter that was cancelled or timed out meanwhile passes the slot on.
            guard let next, !next.resume() else { return }
        }
    }
}
