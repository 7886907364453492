import Dispatch
import LoopLensSimulation
import LoopLensTrace
import LoopLensTracing
import Synchronization

/// Runs a scenario's program for real on a serial ``TracingExecutor``, the way asyncio runs it:
/// `cpu` spins on the loop's one thread, waits are real timers scaled by `scale`, locks and
/// semaphores are FIFO, spawned and gathered tasks are Swift tasks, `to_thread` uses a
/// ``BlockingPool``, and when `main` ends every task still pending is cancelled.
final class RealRunner: Sendable {
    let scenario: Scenario
    let scale: Double
    private let semaphores: [String: FIFOSemaphore]
    private let events: [String: EventFlag]
    private let queues: [String: ItemQueue]
    private let threads: BlockingPool
    private let timeoutCount = Atomic<Int>(0)
    private let tasks = Mutex<(latest: [String: ScenarioTask], all: [ScenarioTask])>(([:], []))

    init(scenario: Scenario, scale: Double) {
        self.scenario = scenario
        self.scale = scale
        var semaphores: [String: FIFOSemaphore] = [:]
        for name in scenario.locks { semaphores[name] = FIFOSemaphore(limit: 1) }
        for (name, limit) in scenario.semaphores { semaphores[name] = FIFOSemaphore(limit: limit) }
        self.semaphores = semaphores
        self.events = Dictionary(uniqueKeysWithValues: scenario.events.map { ($0, EventFlag()) })
        self.queues = scenario.queues.mapValues { ItemQueue(maxsize: $0) }
        self.threads = BlockingPool(threads: scenario.threads)
    }

    /// The body of the `main` task: a lone top-level task named `main` is main; otherwise main
    /// gathers the top-level tasks. Then, like `asyncio.run`, it cancels what is still pending.
    func runMain() async throws {
        let main = ScenarioTask(name: "main")
        var failure: (any Error)?
        do {
            if scenario.tasks.count == 1, scenario.tasks[0].name == "main" {
                try await execute(scenario.tasks[0].steps, in: main, deadlines: [])
            } else {
                try await gather(scenario.tasks.map(\.name), in: main, deadlines: [])
            }
        } catch {
            failure = error
        }
        let pending = tasks.withLock { $0.all.filter { $0.outcome == nil } }
        for task in pending { task.cancel() }
        for task in pending {
            let waiter = Waiter()
            task.whenFinished { _ in waiter.resume() }
            try? await waiter.wait()
        }
        if let failure { throw failure }
    }

    /// Starts a scenario task as a Swift task on the tracing executor, as a child of the caller.
    func spawn(_ name: String) -> ScenarioTask {
        let task = ScenarioTask(name: name)
        tasks.withLock {
            $0.latest[name] = task
            $0.all.append(task)
        }
        let steps = scenario.definition(named: name)?.steps ?? []
        Task(name: name, executorPreference: TracingExecutor.current) {
            LoopLensTracer.showName()
            let outcome: ScenarioTask.Outcome
            do {
                try await self.execute(steps, in: task, deadlines: [])
                outcome = .ok
            } catch is CancellationError {
                outcome = .cancelled
                LoopLensTracer.willEnd(with: .cancelled, error: "CancelledError")
            } catch {
                outcome = .failed("\(error)")
                LoopLensTracer.willEnd(with: .error, error: "\(error)")
            }
            task.finish(outcome)
        }
        return task
    }

    /// The most recently spawned task of that name.
    func latestTask(named name: String) -> ScenarioTask? {
        tasks.withLock { $0.latest[name] }
    }

    /// The lock or semaphore of that name.
    func semaphore(named name: String) -> FIFOSemaphore? {
        semaphores[name]
    }

    /// The event of that name.
    func event(named name: String) -> EventFlag? {
        events[name]
    }

    /// The queue of that name.
    func queue(named name: String) -> ItemQueue? {
        queues[name]
    }

    /// A number for a new `timeout` step.
    func nextTimeout() -> Int {
        timeoutCount.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// A duration of the scenario, scaled for the real run.
    func scaled(_ duration: Nanoseconds) -> Duration {
        .nanoseconds(Int64(min((Double(duration) * scale).rounded(), Double(TimeLimit.nanoseconds))))
    }

    /// Runs `call` on the scenario's thread pool.
    func runOnThread(_ call: @escaping @Sendable () -> Void) async throws {
        try await threads.run(nil, call)
    }
}
