import LoopLensTrace

/// Runs scenarios on a deterministic virtual-time scheduler and records what happens as traces.
///
/// Time is integer nanoseconds and every tie is broken in scheduling order, so the same scenario
/// always produces the same trace, byte for byte. Steps other than `cpu` and waits take no time.
/// `concurrent` runs on a model of CPython's asyncio event loop (``AsyncioSimulation``); the other
/// executions, where waits block threads, on ``ThreadEngine``.
public enum Simulator {
    /// Simulates `scenario` in each of its executions (`compare:`), in order.
    public static func trace(of scenario: Scenario) -> Trace {
        Trace(runs: scenario.executions.map { run(scenario, as: $0) })
    }

    /// Simulates `scenario` in one execution.
    public static func run(_ scenario: Scenario, as execution: Execution) -> Run {
        switch execution {
        case .concurrent:
            var simulation = AsyncioSimulation(scenario: scenario)
            return simulation.simulate()
        case .sequential, .threads, .processes:
            var engine = ThreadEngine(scenario: scenario, execution: execution)
            return engine.simulate()
        }
    }
}
