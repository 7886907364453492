import LoopLensInsight
import LoopLensSimulation
import LoopLensTrace

/// What re-simulating a scenario shows about its findings (for `run`, `check` and `export`), where
/// a trace alone can only estimate: a CPU-bound run is run again on a pool of processes (the
/// `processes` execution, one process per top-level task on the scenario's `cores`), and its
/// finding gains the time that takes.
enum FindingProofs {
    /// `findings` with what re-simulating `scenario` shows; as they are for a recorded trace.
    static func proving(
        _ findings: [Finding], of scenario: Scenario?, trace: Trace, from path: String, limits: SimulationLimits, ascii: Bool
    ) throws -> [Finding] {
        guard let scenario else { return findings }
        let cpuBound = CPUBoundWork().name
        guard findings.contains(where: { $0.rule == cpuBound && $0.run != Execution.processes.rawValue }) else { return findings }
        let pool: Nanoseconds
        if let run = trace.runs.first(where: { $0.name == Execution.processes.rawValue }) {
            pool = run.duration
        } else {
            var onProcesses = scenario
            onProcesses.executions = [.processes]
            pool = try InputFile.simulate(onProcesses, from: path, limits: limits).runs[0].duration
        }
        return findings.map { finding in
            guard finding.rule == cpuBound, let run = trace.runs.first(where: { $0.name == finding.run }), pool > 0 else { return finding }
            var proved = finding
            let ratio = Double(run.duration) / Double(pool)
            let times = ascii ? "x" : "×"
            let gain =
                ratio >= 1.005
                ? String(format: "%.2f%@ faster", ratio, times)
                : ratio <= 0.995 ? String(format: "%.2f%@ slower: its waits would hold the processes", 1 / ratio, times) : "no faster"
            proved.evidence.append(
                "the whole program simulated again on a pool of \(scenario.cores) processes: \(pool.formatted(.summary, ascii: ascii)) instead of \(run.duration.formatted(.summary, ascii: ascii)), \(gain)"
            )
            return proved
        }
    }
}
