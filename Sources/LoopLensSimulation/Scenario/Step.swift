import LoopLensTrace

/// One step of a task: the abstract form of a line of async code.
public indirect enum Step: Sendable, Hashable {
    /// Plain computation: holds the loop (or the thread) for the duration.
    case cpu(Nanoseconds)
    /// `await asyncio.sleep(d)`.
    case sleep(Nanoseconds)
    /// `await` a network or disk read taking the duration; the label names it.
    case io(Nanoseconds, label: String?)
    /// `print(text)`.
    case print(String)
    /// `async with lock:` around the inner steps.
    case lock(String, steps: [Step])
    /// `async with semaphore:` around the inner steps.
    case semaphore(String, steps: [Step])
    /// `await coro()`: the named task's steps run inline, in the caller.
    case call(String)
    /// `asyncio.create_task(coro())`: the named task is scheduled; the caller keeps running.
    case spawn(String)
    /// `await task`: wait for the most recent task of that name to finish.
    case await(String)
    /// `await asyncio.gather(...)`: schedule all, wait until all finish.
    case gather([String])
    /// `await asyncio.to_thread(blocking)`: the duration runs on a worker thread.
    case toThread(Nanoseconds)
    /// `raise Exception(message)`.
    case fail(String)
    /// `async with asyncio.timeout(d):` around the inner steps.
    case timeout(Nanoseconds, steps: [Step])
    /// `event.set()`: wakes every task waiting on the event.
    case setEvent(String)
    /// `await event.wait()`: waits until the event is set (at once if it is).
    case waitEvent(String)
    /// `await queue.put(item)`: puts an item, waiting while the queue is full.
    case put(String)
    /// `await queue.get()`: takes an item, waiting while the queue is empty.
    case get(String)

    /// The names of the tasks this step refers to, directly (not inside nested steps).
    var referencedTasks: [String] {
        switch self {
        case .call(let name), .spawn(let name), .await(let name): [name]
        case .gather(let names): names
        default: []
        }
    }

    /// The steps nested inside this one.
    var innerSteps: [Step] {
        switch self {
        case .lock(_, let steps), .semaphore(_, let steps), .timeout(_, let steps): steps
        default: []
        }
    }

    /// The step with `{i}` replaced by `index` in every name and text, inner steps included.
    func expanding(index: Int) -> Step {
        switch self {
        case .cpu, .sleep, .toThread: self
        case .io(let duration, let label): .io(duration, label: label?.expandingIndex(index))
        case .print(let text): .print(text.expandingIndex(index))
        case .fail(let message): .fail(message.expandingIndex(index))
        case .lock(let name, let steps): .lock(name.expandingIndex(index), steps: steps.map { $0.expanding(index: index) })
        case .semaphore(let name, let steps): .semaphore(name.expandingIndex(index), steps: steps.map { $0.expanding(index: index) })
        case .timeout(let limit, let steps): .timeout(limit, steps: steps.map { $0.expanding(index: index) })
        case .call(let name): .call(name.expandingIndex(index))
        case .spawn(let name): .spawn(name.expandingIndex(index))
        case .await(let name): .await(name.expandingIndex(index))
        case .gather(let names): .gather(names.map { $0.expandingIndex(index) })
        case .setEvent(let name): .setEvent(name.expandingIndex(index))
        case .waitEvent(let name): .waitEvent(name.expandingIndex(index))
        case .put(let name): .put(name.expandingIndex(index))
        case .get(let name): .get(name.expandingIndex(index))
        }
    }
}

extension String {
    /// The text with every `{i}` replaced by `index`.
    func expandingIndex(_ index: Int) -> String {
        let utf8 = Array(self.utf8)
        guard utf8.count >= 3 else { return self }
        var expanded: [UInt8] = []
        var copied = 0
        var position = 0
        while position + 2 < utf8.count {
            if utf8[position] == UInt8(ascii: "{"), utf8[position + 1] == UInt8(ascii: "i"), utf8[position + 2] == UInt8(ascii: "}") {
                expanded += utf8[copied..<position]
                expanded += String(index).utf8
                position += 3
                copied = position
            } else {
                position += 1
            }
        }
        guard copied > 0 else { return self }
        expanded += utf8[copied...]
        return String(decoding: expanded, as: UTF8.self)
    }
}
