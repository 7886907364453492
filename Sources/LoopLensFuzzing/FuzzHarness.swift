import LoopLensSimulation
import LoopLensTimeline
import LoopLensTrace

/// What the fuzz targets (`Fuzz/`) do with one input, shared with the regression tests that replay
/// every input a fuzzer ever found (`Tests/LoopLensFuzzRegressionTests`). Problems in the input are
/// expected; a trap, a hang or a memory error is the bug.
public enum FuzzHarness {
    /// Reads `bytes` as a trace file, then derives what the views derive from it: every task's
    /// timeline, the run summary, and a laid-out, rendered grid.
    public static func readTrace(_ bytes: some Collection<UInt8>) {
        let result = TraceReader.read(contentsOf: bytes, file: "fuzz.jsonl")
        _ = result.problems.map(\.description) + result.warnings.map(\.description)
        guard result.problems.isEmpty else { return }
        draw(result.trace)
    }

    /// The limits a scenario is fuzzed under, low enough that each input takes milliseconds.
    public static let scenarioLimits = SimulationLimits(tasks: 2_000, yamlNodes: 20_000, events: 100_000)

    /// Parses `bytes` as a scenario; one that parses is simulated in each of its executions, laid
    /// out at 100 columns and rendered.
    public static func simulateScenario(_ bytes: some Collection<UInt8>) {
        guard let text = String(validating: bytes, as: UTF8.self),
            let scenario = try? ScenarioLoader.parse(text, file: "fuzz.yaml", limits: scenarioLimits),
            let trace = try? Simulator.trace(of: scenario, limits: scenarioLimits)
        else { return }
        draw(trace)
    }

    private static func draw(_ trace: Trace) {
        for run in trace.runs { _ = RunSummary(run) }
        _ = RunSummary.report(for: trace)
        let grid = TimelineLayout.grid(for: trace, in: Viewport(width: 100))
        _ = TextRenderer.render(grid, color: true)
        _ = SVGRenderer.render(grid)
    }
}
