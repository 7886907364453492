import LoopLensTrace

/// Runs scenarios on a deterministic virtual-time scheduler and records what happens as traces.
///
/// Time is integer nanoseconds and every tie is broken in scheduling order, so the same scenario
/// always produces the same trace, byte for byte. Steps other than `cpu` and waits take no time.
/// `concurrent` runs on a model of CPython's asyncio event loop (``AsyncioSimulation``); the other
/// executions, where waits block threads, on ``ThreadEngine``.
public enum Simulator {
    /// Called every 65 536 events of a long simulation: the execution, the events recorded so far
    /// and the virtual time reached (for a progress line).
    public typealias Progress = (_ execution: Execution, _ events: Int, _ time: Nanoseconds) -> Void

    /// Simulates `scenario` in each of its executions (`compare:`), in order.
    ///
    /// - Throws: ``EventLimitExceeded`` when a run records more than `limits.events` events.
    public static func trace(of scenario: Scenario, limits: SimulationLimits = .standard, progress: Progress? = nil)
        throws(EventLimitExceeded)
        -> Trace
    {
        var runs: [Run] = []
        for execution in scenario.executions { runs.append(try run(scenario, as: execution, limits: limits, progress: progress)) }
        return Trace(runs: runs)
    }

    /// Simulates `scenario` in one execution.
    ///
    /// - Throws: ``EventLimitExceeded`` when the run records more than `limits.events` events.
    public static func run(
        _ scenario: Scenario, as execution: Execution, limits: SimulationLimits = .standard, progress: Progress? = nil
    ) throws(EventLimitExceeded) -> Run {
        switch execution {
        case .concurrent:
            var simulation = AsyncioSimulation(scenario: scenario, eventLimit: limits.events, progress: progress)
            return try simulation.simulate()
        case .sequential, .threads, .processes:
            var engine = ThreadEngine(scenario: scenario, execution: execution, eventLimit: limits.events, progress: progress)
            return try engine.simulate()
        }
    }
}
