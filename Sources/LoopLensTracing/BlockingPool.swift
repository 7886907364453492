import DequeModule
import Foundation
import LoopLensTrace

/// Threads for blocking calls, like the pool behind asyncio's `to_thread`: a traced task that
/// runs a call here waits for it (`suspend` on `thread`), and the call shows as its own lane,
/// a child of the task, ready while it queues for a thread and running while it runs.
public final class BlockingPool: @unchecked Sendable {
    // `@unchecked Sendable`: `queue` is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: Deque<@Sendable () -> Void> = []

    /// Starts `threads` threads that live as long as the program.
    public init(threads: Int) {
        for number in 1...max(1, threads) {
            let thread = Thread { [self] in work() }
            thread.name = "LoopLens blocking \(number)"
            thread.start()
        }
    }

    /// Runs `call` on one of the pool's threads and returns its result; the lane is named `name`,
    /// or after the calling task (`NAME:thread`).
    public func run<Result: Sendable>(_ name: String? = nil, _ call: @escaping @Sendable () throws -> Result) async throws
        -> Result
    {
        let lane = TracingExecutor.addLane { name ?? "\($0 ?? "task"):thread" }
        if let lane { LoopLensTracer.willWait(on: .thread, lane.name) }
        return try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            queue.append {
                lane?.start()
                let result = Swift.Result { try call() }
                lane?.end(failure: result.failureDescription)
                continuation.resume(with: result)
            }
            condition.signal()
            condition.unlock()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let job = queue.removeFirst()
            condition.unlock()
            job()
        }
    }
}

extension Result {
    /// The error's description, for a failure.
    fileprivate var failureDescription: String? {
        if case .failure(let error) = self { "\(error)" } else { nil }
    }
}
