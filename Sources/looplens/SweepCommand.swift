import ArgumentParser
import Foundation
import LoopLensSimulation
import LoopLensTimeline
import LoopLensTrace

/// `looplens sweep SCENARIO --set KEY=V1,V2,…`: every execution of the scenario for each value,
/// as a table and a chart of total time against the value.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario for each value of one setting and chart each execution's total time against it.",
        discussion: """
            One --set gives the setting and its values, separated by commas: \
            --set tasks.fetch{i}.count=1,10,50,100,500 or --set threads=1,2,4,8. Other --set \
            options (one value each) change the scenario for every run. The keys are those of \
            `run --set`; see docs/guide.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, svg
    }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var changes: ScenarioChangeOptions

    @Option(help: "text (a table and a chart) or svg (the chart).")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Print only 7-bit ASCII.")
    var ascii = false

    @OptionGroup var limits: LimitOptions

    /// The most values swept: each is a full simulation of every execution.
    static let mostValues = 100

    func validate() throws {
        let swept = changes.overrides.filter { $0.value.contains(",") }
        guard swept.count == 1 else {
            throw ValidationError(
                swept.isEmpty
                    ? "give the setting to sweep and its values with --set KEY=V1,V2,…, e.g. --set threads=1,2,4,8"
                    : "sweep one setting at a time; \(swept.count) --set options have lists of values")
        }
        let values = Self.values(of: swept[0])
        guard values.count >= 2, !values.contains(where: \.isEmpty) else {
            throw ValidationError("--set \(swept[0]): give two or more values, separated by commas, none empty")
        }
        guard values.count <= Self.mostValues else {
            throw ValidationError("--set \(swept[0]): at most \(Self.mostValues) values; got \(values.count)")
        }
    }

    private static func values(of override: ScenarioOverride) -> [String] {
        override.value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func run() throws {
        let overrides = changes.overrides
        let swept = overrides.first { $0.value.contains(",") }!
        let fixed = overrides.filter { $0 != swept }
        let values = Self.values(of: swept)
        var title = ""
        var totals: [(name: String, totals: [Nanoseconds])] = []
        for value in values {
            let change = ScenarioOverride(path: swept.path, value: value)
            let scenario = try ScenarioLoader.load(file: self.scenario, limits: limits.limits, overrides: fixed + [change])
            title = scenario.title
            let trace = try InputFile.simulate(scenario, from: self.scenario, limits: limits.limits)
            for run in trace.runs {
                if let index = totals.firstIndex(where: { $0.name == run.name }) {
                    totals[index].totals.append(run.duration)
                } else {
                    totals.append((run.name, [run.duration]))
                }
            }
        }
        let chart = SweepChart(
            key: swept.path.joined(separator: "."), values: values,
            series: totals.map { SweepChart.Series(name: $0.name, totals: $0.totals) })
        let text: String
        switch format {
        case .text:
            // The key and values come from the command line, the executions' names are fixed.
            text =
                "\(title.sanitizedForTerminal): total time against \(chart.key.sanitizedForTerminal)\n\n"
                + chart.table(ascii: ascii) + "\n" + chart.text(ascii: ascii)
        case .svg:
            text = chart.svg()
        }
        if let output {
            try AtomicFile.write(to: output) { $0.write(text) }
            if output != "-" { FileHandle.standardError.write(Data("looplens: the sweep is in \(output.sanitizedForTerminal)\n".utf8)) }
        } else {
            print(text, terminator: "")
        }
    }
}
