import DequeModule
import Synchronization

/// An `asyncio.Queue` of anonymous items, first in first out: a put with a getter waiting hands the
/// item straight over; a get with a putter waiting lets that putter's item in.
final class ItemQueue: Sendable {
    private struct State {
        var items = 0
        var getters = Deque<Waiter>()
        var putters = Deque<Waiter>()
    }

    private let maxsize: Int
    private let state = Mutex(State())

    /// `maxsize` 0 is no limit.
    init(maxsize: Int) {
        self.maxsize = maxsize
    }

    /// Puts an item, or queues `waiter` while the queue is full; returns whether it was put at once.
    func put(orQueue waiter: Waiter) -> Bool {
        while true {
            let outcome: (done: Bool, getter: Waiter?) = state.withLock { state in
                if let getter = state.getters.popFirst() { return (true, getter) }
                if maxsize == 0 || state.items < maxsize {
                    state.items += 1
                    return (true, nil)
                }
                state.putters.append(waiter)
                return (false, nil)
            }
            // A getter that was cancelled or timed out meanwhile does not take the item.
            guard let getter = outcome.getter, !getter.resume() else { return outcome.done }
        }
    }

    /// Takes an item, or queues `waiter` while the queue is empty; returns whether it took one at once.
    func get(orQueue waiter: Waiter) -> Bool {
        let outcome: (done: Bool, putter: Waiter?) = state.withLock { state in
            guard state.items > 0 else {
                state.getters.append(waiter)
                return (false, nil)
            }
            if let putter = state.putters.popFirst() { return (true, putter) }
            state.items -= 1
            return (true, nil)
        }
        // A putter that had given up meanwhile puts nothing in place of the item taken.
        if let putter = outcome.putter, !putter.resume() { state.withLock { $0.items -= 1 } }
        return outcome.done
    }
}
