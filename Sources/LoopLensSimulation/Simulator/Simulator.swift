import LoopLensTrace

/// Runs scenarios on a deterministic virtual-time scheduler and records what happens as traces.
///
/// Time is integer nanoseconds and every tie is broken in FIFO order, so the same scenario always
/// produces the same trace, byte for byte. Steps other than `cpu` take no time.
public enum Simulator {
    /// Simulates `scenario` in each of its executions (`compare:`), in order.
    public static func trace(of scenario: Scenario) -> Trace {
        Trace(runs: scenario.executions.map { run(scenario, as: $0) })
    }

    /// Simulates `scenario` in one execution.
    public static func run(_ scenario: Scenario, as execution: Execution) -> Run {
        var engine = Engine(scenario: scenario, execution: execution)
        return engine.simulate()
    }
}
