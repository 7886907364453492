import Foundation

/// A bounded queue from one thread to another: `put` waits while it is full, `take` while it is
/// empty. Written by hand because neither the standard library nor swift-collections has a
/// blocking queue, and the reader's two threads are plain threads, not tasks.
final class Handoff<Element: Sendable>: @unchecked Sendable {
    // `@unchecked Sendable`: `items` is only touched while `condition` is locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func put(_ item: Element) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Element {
        condition.lock()
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        condition.unlock()
        return item
    }
}

/// A value handed to another thread that uses it alone from then on.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
