import ArgumentParser
import LoopLensInsight
import LoopLensTrace

/// `looplens check FILE`: the findings of a scenario's runs or a trace's, for people and for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Say what went wrong in a scenario's runs or a trace's: blocking the loop, awaits in series, deadlocks, lost errors.",
        discussion: """
            Every run but `sequential` is judged. Each finding has a one-line summary, the evidence \
            (times, tasks) and what to change; docs/findings.md describes every rule.

            Exit codes: 0 nothing found, 3 something found, 1 the input was bad, 2 usage error.
            """
    )

    /// The exit code when something is found.
    static let foundSomething: Int32 = 3

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A scenario (.yaml) or a trace (.jsonl); - reads standard input.")
    var file: String

    @Option(help: "text (for people) or json (for scripts).")
    var format: Format = .text

    @Flag(help: "Print only 7-bit ASCII.")
    var ascii = false

    @OptionGroup var findingOptions: FindingOptions
    @OptionGroup var changes: ScenarioChangeOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        let (trace, scenario) = try InputFile.loadTraceAndScenario(file, limits: limits.limits, overrides: changes.overrides)
        let findings = try FindingProofs.proving(
            Checker.findings(in: trace, options: try findingOptions.options(ascii: ascii)), of: scenario, trace: trace, from: file,
            limits: limits.limits, ascii: ascii)
        switch format {
        case .text: print(FindingReport.text(findings, ascii: ascii), terminator: "")
        case .json: print(FindingReport.json(findings, in: trace), terminator: "")
        }
        if !findings.isEmpty { throw ExitCode(Self.foundSomething) }
    }
}
