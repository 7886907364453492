import LoopLensTrace

/// Runs scenarios on a deterministic virtual-time scheduler and records what happens as traces.
///
/// Time is integer nanoseconds and every tie is broken in scheduling order, so the same scenario
/// always produces the same trace, byte for byte. Steps other than `cpu` and waits take no time.
/// `concurrent` runs on a model of CPython's asyncio event loop (``AsyncioSimulation``); the other
/// executions, where waits block threads, on ``ThreadEngine``.
public enum Simulator {
    /// Simulates `scenario` in each of its executions (`compare:`), in order.
    ///
    /// - Throws: ``EventLimitExceeded`` when a run records more than `limits.events` events.
    public static func trace(of scenario: Scenario, limits: SimulationLimits = .standard) throws(EventLimitExceeded) -> Trace {
        var runs: [Run] = []
        for execution in scenario.executions { runs.append(try run(scenario, as: execution, limits: limits)) }
        return Trace(runs: runs)
    }

    /// Simulates `scenario` in one execution.
    ///
    /// - Throws: ``EventLimitExceeded`` when the run records more than `limits.events` events.
    public static func run(_ scenario: Scenario, as execution: Execution, limits: SimulationLimits = .standard) throws(EventLimitExceeded)
        -> Run
    {
        switch execution {
        case .concurrent:
            var simulation = AsyncioSimulation(scenario: scenario, eventLimit: limits.events)
            return try simulation.simulate()
        case .sequential, .threads, .processes:
            var engine = ThreadEngine(scenario: scenario, execution: execution, eventLimit: limits.events)
            return try engine.simulate()
        }
    }
}
