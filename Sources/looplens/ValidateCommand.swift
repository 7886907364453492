import ArgumentParser
import LoopLensSimulation
import LoopLensTrace

/// `looplens validate FILE`: check a scenario or a trace, listing every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario or a trace file; exit 0 if it is good, or list every problem and exit 1."
    )

    @Argument(help: "A scenario (.yaml) or a trace (.jsonl); - reads standard input.")
    var file: String

    @Flag(
        help:
            "Refuse a trace with warnings too (a cut-off last line, unfinished tasks, a task spawned twice, events after a finish, unknown event kinds)."
    )
    var strict = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        switch try InputFile.load(file, limits: limits.limits) {
        case .scenario(let scenario):
            print(
                "\(file.sanitizedForTerminal): ok: scenario '\(scenario.title.sanitizedForTerminal)', \(scenario.tasks.count) task\(scenario.tasks.count == 1 ? "" : "s"), executions \(scenario.executions.map(\.rawValue).joined(separator: ", "))"
            )
        case .trace(let trace, let warnings):
            if strict, !warnings.isEmpty { throw InputErrors(warnings.map(\.asError)) }
            InputFile.printWarnings(warnings)
            let events = trace.runs.reduce(0) { $0 + $1.events.count }
            print(
                "\(file.sanitizedForTerminal): ok: trace with \(trace.runs.count) run\(trace.runs.count == 1 ? "" : "s") (\(trace.runs.map(\.name.sanitizedForTerminal).joined(separator: ", "))), \(events) events"
            )
        }
    }
}
