import Dispatch
import LoopLensSimulation
import LoopLensTrace
import LoopLensTracing
import Synchronization

/// Runs a scenario's program for real, on the Swift tracer, so that a real run can be compared
/// with the simulated ones.
public enum RealRun {
    /// Runs `scenario` as asyncio would, on one thread (a serial ``TracingExecutor``), with every
    /// duration multiplied by `scale`, and returns the recorded run, named `real`.
    ///
    /// The run's times are divided by `scale`, so that it lines up with the simulated runs on one
    /// time axis; the real overheads (scheduling, timers) are magnified by the same factor.
    /// A scenario whose concurrent simulation deadlocks would hang for real: check it first.
    public static func run(_ scenario: Scenario, scale: Double) async -> Run {
        let runner = RealRunner(scenario: scenario, scale: scale)
        let about = "Run for real on one thread at scale \(scale): times are divided by the scale to line up with the simulation."
        let (_, recorded) = await LoopLensTracer.run("real", title: scenario.title, about: about, threads: .serial) {
            try await runner.runMain()
        }
        return recorded.scalingTimes(by: 1 / scale)
    }
}

extension Run {
    /// The run with every event's time multiplied by `factor`.
    func scalingTimes(by factor: Double) -> Run {
        var scaled = self
        scaled.events = EventLog()
        for var event in events {
            event.time = Nanoseconds(min((Double(event.time) * factor).rounded(), Double(TimeLimit.nanoseconds)))
            scaled.events.append(event)
        }
        return scaled
    }
}

extension RealRun {
    /// ``run(_:scale:)`` for synchronous callers: blocks the calling thread until the run is over.
    public static func runBlocking(_ scenario: Scenario, scale: Double) -> Run {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Run?>(nil)
        Task.detached {
            let run = await run(scenario, scale: scale)
            result.withLock { $0 = run }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
