import ArgumentParser
import Foundation
import LoopLensSimulation
import LoopLensTrace

/// `looplens run SCENARIO [-o TRACE]`: simulate, print a summary, write the trace.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario in each of its executions and print the timings.",
        discussion: """
            Prints, per execution, the total time and per task its start, finish and time spent \
            running, ready and waiting; then each execution's speedup over sequential.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .shortAndLong, help: "Write the trace (.jsonl) to this file.")
    var output: String?

    @Flag(help: "Print only 7-bit ASCII.")
    var ascii = false

    func run() throws {
        let scenario = try ScenarioLoader.load(file: self.scenario)
        let trace = Simulator.trace(of: scenario)
        if let output {
            try AtomicFile.write(to: output) { TraceWriter.write(trace, to: &$0) }
        }
        var text = "\(scenario.title.sanitizedForTerminal)\n\n" + RunSummary.report(for: trace, ascii: ascii)
        if let output { text += "trace written to \(output.sanitizedForTerminal)\n" }
        print(text, terminator: "")
    }
}
