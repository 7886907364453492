import DequeModule

/// An event: set or not, and who waits for it (tasks under a blocking engine, the waiters'
/// futures under asyncio), first in first out.
struct EventState {
    var isSet = false
    var waiters: [Int] = []
}

/// A queue of anonymous items: how many it holds, its size (0 is no limit), and who waits to get
/// or to put (tasks under a blocking engine, the waiters' futures under asyncio).
struct QueueState {
    var maxsize: Int
    var items = 0
    var getters = Deque<Int>()
    var putters = Deque<Int>()

    var isFull: Bool { maxsize > 0 && items >= maxsize }
}
