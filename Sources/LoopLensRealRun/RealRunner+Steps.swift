import Dispatch
import Foundation
import LoopLensSimulation
import LoopLensTrace
import LoopLensTracing
import Synchronization

extension RealRunner {
    /// Performs `steps` in the calling Swift task, which runs scenario task `task`.
    func execute(_ steps: [Step], in task: ScenarioTask, deadlines: [Deadline]) async throws {
        for step in steps {
            try await perform(step, in: task, deadlines: deadlines)
        }
    }

    private func perform(_ step: Step, in task: ScenarioTask, deadlines: [Deadline]) async throws {
        switch step {
        case .cpu(let duration):
            let end = ContinuousClock.now + scaled(duration)
            while ContinuousClock.now < end {}
        case .sleep(let duration) where duration == 0:
            try checkDeadlines(deadlines)
            LoopLensTracer.willWait(on: .sleep, duration.formatted(.compact))
            await Task.yield()
        case .sleep(let duration):
            try await sleep(scaled(duration), on: .sleep, what: duration.formatted(.compact), in: task, deadlines: deadlines)
        case .io(let duration, let label):
            try await sleep(scaled(duration), on: .io, what: label ?? task.name, in: task, deadlines: deadlines)
        case .print(let text):
            LoopLensTracer.mark(text)
        case .fail(let message):
            throw ScenarioFailure(description: message)
        case .call(let name):
            try await execute(scenario.definition(named: name)?.steps ?? [], in: task, deadlines: deadlines)
        case .lock(let name, let steps):
            try await holding(name, on: .lock, steps, in: task, deadlines: deadlines)
        case .semaphore(let name, let steps):
            try await holding(name, on: .semaphore, steps, in: task, deadlines: deadlines)
        case .timeout(let limit, let steps):
            let deadline = Deadline(timeout: nextTimeout(), instant: .now + scaled(limit))
            do {
                try await execute(steps, in: task, deadlines: deadlines + [deadline])
            } catch let expired as TimeoutExpired where expired.timeout == deadline.timeout {
                throw ScenarioFailure(description: "TimeoutError after \(limit.formatted(.compact))")
            }
        case .spawn(let name):
            _ = spawn(name)
        case .await(let name):
            guard let target = latestTask(named: name) else {
                throw ScenarioFailure(description: "await: no task named '\(name)' has been spawned yet")
            }
            let waiter = Waiter()
            target.whenFinished { waiter.resume(with: $0.result) }
            try await suspend(on: .task, what: name, until: waiter, in: task, deadlines: deadlines)
        case .gather(let names):
            try await gather(names, in: task, deadlines: deadlines)
        case .toThread(let duration):
            let seconds = Double(duration) / Double(Nanoseconds.perSecond) * scale
            try await runOnThread { Thread.sleep(forTimeInterval: seconds) }
        case .setEvent(let name):
            event(named: name)?.set()
        case .waitEvent(let name):
            let waiter = Waiter()
            guard let event = event(named: name), !event.isSet(orQueue: waiter) else { return }
            try await suspend(on: .event, what: name, until: waiter, in: task, deadlines: deadlines)
        case .put(let name):
            let waiter = Waiter()
            guard let queue = queue(named: name), !queue.put(orQueue: waiter) else { return }
            try await suspend(on: .queue, what: name, until: waiter, in: task, deadlines: deadlines)
        case .get(let name):
            let waiter = Waiter()
            guard let queue = queue(named: name), !queue.get(orQueue: waiter) else { return }
            try await suspend(on: .queue, what: name, until: waiter, in: task, deadlines: deadlines)
        }
    }

    /// `await asyncio.gather(...)`: starts the tasks and waits for all of them; the first failure
    /// is raised at once (the others run on). If the gathering task is cancelled or times out,
    /// so are the tasks it gathers.
    func gather(_ names: [String], in task: ScenarioTask, deadlines: [Deadline]) async throws {
        let children = names.map { spawn($0) }
        let waiter = Waiter()
        let remaining = Atomic(children.count)
        for child in children {
            child.whenFinished { outcome in
                guard case .ok = outcome else { return _ = waiter.resume(with: outcome.result) }
                if remaining.subtract(1, ordering: .relaxed).newValue == 0 { waiter.resume() }
            }
        }
        do {
            try await suspend(on: .gather, what: names.joined(separator: ", "), until: waiter, in: task, deadlines: deadlines)
        } catch let interruption where interruption is TimeoutExpired || interruption is CancellationError && task.isCancelled {
            for child in children { child.cancel() }
            throw interruption
        }
    }

    /// `async with lock:` or `async with semaphore:` around `steps`.
    private func holding(_ name: String, on reason: WaitReason, _ steps: [Step], in task: ScenarioTask, deadlines: [Deadline])
        async throws
    {
        guard let semaphore = semaphore(named: name) else { return try await execute(steps, in: task, deadlines: deadlines) }
        let waiter = Waiter()
        if !semaphore.acquire(queueing: waiter) {
            try await suspend(on: reason, what: name, until: waiter, in: task, deadlines: deadlines)
        }
        defer { semaphore.release() }
        try await execute(steps, in: task, deadlines: deadlines)
    }

    /// A wait for a timer of `duration`.
    private func sleep(_ duration: Duration, on reason: WaitReason, what: String, in task: ScenarioTask, deadlines: [Deadline])
        async throws
    {
        let waiter = Waiter()
        let deadline = DispatchTime.now() + duration.dispatchInterval
        try await suspend(on: reason, what: what, until: waiter, in: task, deadlines: deadlines) {
            DispatchQueue.global().asyncAfter(deadline: deadline) { waiter.resume() }
        }
    }

    /// Suspends `task` until `waiter` is resumed, labelling the wait in the trace. As in asyncio, a
    /// cancellation or an expired timeout is delivered here, at the await. `arm` starts what will
    /// resume the waiter once the task has suspended.
    private func suspend(
        on reason: WaitReason, what: String, until waiter: Waiter, in task: ScenarioTask, deadlines: [Deadline],
        arming arm: () -> Void = {}
    ) async throws {
        try checkDeadlines(deadlines)
        guard task.beginWait(waiter) else { throw CancellationError() }
        defer { task.endWait() }
        if let first = deadlines.min(by: { $0.instant < $1.instant }) {
            let remaining = first.instant - .now
            DispatchQueue.global().asyncAfter(deadline: .now() + remaining.dispatchInterval) {
                waiter.resume(with: .failure(TimeoutExpired(timeout: first.timeout)))
            }
        }
        LoopLensTracer.willWait(on: reason, what)
        try await waiter.wait(arming: arm)
    }

    private func checkDeadlines(_ deadlines: [Deadline]) throws {
        let now = ContinuousClock.now
        if let expired = deadlines.first(where: { $0.instant <= now }) { throw TimeoutExpired(timeout: expired.timeout) }
    }
}

extension ScenarioTask.Outcome {
    /// The outcome as an awaiter sees it: a failure or a cancellation is raised in it.
    var result: Result<Void, any Error> {
        switch self {
        case .ok: .success(())
        case .failed(let message): .failure(ScenarioFailure(description: message))
        case .cancelled: .failure(CancellationError())
        }
    }
}

extension Duration {
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)))
    }
}
