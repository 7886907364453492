import ArgumentParser
import Foundation
import LoopLensInsight
import LoopLensRealRun
import LoopLensSimulation
import LoopLensTrace

/// `looplens run SCENARIO [-o TRACE]`: simulate, print a summary, write the trace.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario in each of its executions and print the timings.",
        discussion: """
            Prints, per execution, the total time and per task its start, finish and time spent \
            running, ready and waiting; then each execution's speedup over sequential; then what \
            went wrong, as `looplens check` says it.

            With --real the program also runs for real, on one thread like asyncio, traced by the \
            Swift tracer; it is added as a run named `real`, its times divided by --scale so that \
            it lines up with the simulated runs.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .shortAndLong, help: "Write the trace (.jsonl) to this file.")
    var output: String?

    @Flag(help: "Also run the program for real on the Swift tracer, as a run named `real`.")
    var real = false

    @Option(help: "With --real: multiply every duration by this factor, e.g. 0.01 to run 100 times faster.")
    var scale: Double?

    @Flag(help: "Print only 7-bit ASCII.")
    var ascii = false

    @Flag(
        help:
            "List every task; by default a run with more than \(RunSummary.longestFullTable) tasks lists its \(RunSummary.shortenedTableLines) slowest."
    )
    var all = false

    @OptionGroup var findingOptions: FindingOptions
    @OptionGroup var changes: ScenarioChangeOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let scale {
            guard real else { throw ValidationError("--scale applies to --real; add --real or drop --scale") }
            guard scale >= 0.001, scale <= 100 else { throw ValidationError("--scale must be from 0.001 to 100, e.g. 0.01") }
        }
    }

    func run() throws {
        let scenario = try ScenarioLoader.load(file: self.scenario, limits: limits.limits, overrides: changes.overrides)
        var trace = try InputFile.simulate(scenario, from: self.scenario, limits: limits.limits)
        if real {
            trace.runs.append(try realRun(of: scenario, besides: trace))
        }
        if let output {
            try AtomicFile.write(to: output) { TraceWriter.write(trace, to: &$0) }
        }
        var text = "\(scenario.title.sanitizedForTerminal)\n\n" + RunSummary.report(for: trace, ascii: ascii, shortened: !all)
        // One index of each task's events per run serves the critical path and the findings.
        let indexes = trace.runs.map { TaskEventIndex($0) }
        for (run, index) in zip(trace.runs, indexes) {
            text += "\n" + CriticalPath(of: run, index: index).lines(for: run, ascii: ascii).joined(separator: "\n") + "\n"
        }
        let findings = try FindingProofs.proving(
            Checker.findings(in: trace, options: try findingOptions.options(ascii: ascii), indexes: indexes), of: scenario, trace: trace,
            from: self.scenario, limits: limits.limits, ascii: ascii)
        text += "\n" + FindingReport.text(findings, ascii: ascii)
        if let output { text += "trace written to \(output.sanitizedForTerminal)\n" }
        print(text, terminator: "")
    }

    /// Runs the scenario for real, unless its simulation deadlocks: then the real run would hang.
    private func realRun(of scenario: Scenario, besides trace: Trace) throws -> Run {
        var concurrentOnly = scenario
        concurrentOnly.executions = [.concurrent]
        let simulated =
            try trace.runs.first { $0.name == Execution.concurrent.rawValue }
            ?? InputFile.simulate(concurrentOnly, from: self.scenario, limits: limits.limits).runs[0]
        if let deadlock = simulated.events.first(where: { $0.kind == .deadlock }) {
            throw InputErrors([
                InputError(
                    file: self.scenario, line: 1, column: 1,
                    message:
                        "--real: the program deadlocks at \(deadlock.time.formatted(.summary)) when simulated, so a real run would hang; remove the deadlock first"
                )
            ])
        }
        let expected = Double(simulated.duration) * (scale ?? 1) / 1e9
        guard expected <= Self.longestRealRun else {
            throw InputErrors([
                InputError(
                    file: self.scenario, line: 1, column: 1,
                    message:
                        "--real: at --scale \(scale ?? 1) the real run would take about \(Nanoseconds(expected * 1e9).formatted(.summary)); the limit is \(Int(Self.longestRealRun / 60)) minutes, so lower --scale (e.g. \(String(format: "%.3g", Self.longestRealRun / expected * (scale ?? 1) / 2)))"
                )
            ])
        }
        return RealRun.runBlocking(scenario, scale: scale ?? 1)
    }

    /// The longest `--real` run started, in seconds of wall-clock time.
    static let longestRealRun: Double = 600
}
