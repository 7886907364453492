import DequeModule
import Foundation

/// The untraced baseline for the serial tracer: a task executor that runs every job on one
/// thread, in order, and records nothing.
final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = OneThreadExecutor()

    // `@unchecked Sendable`: `queue` is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: Deque<UnownedJob> = []

    private init() {
        Thread { [self] in run() }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let job = queue.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
