import ArgumentParser
import LoopLensTrace
import SyntheticWorkloads

/// `looplens-generate`: writes a synthetic trace or scenario of any size.
@main
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "looplens-generate",
        abstract: "Write a synthetic trace or scenario of any size, for benchmarks.",
        subcommands: [TraceCommand.self, ScenarioCommand.self]
    )

    struct TraceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trace", abstract: "A .jsonl trace of one busy event loop.")

        @Option(help: "About how many events.")
        var events = 1_000_000

        @Option(help: "How many tasks share them.")
        var tasks = 5_000

        @Option(name: .shortAndLong, help: "The file to write.")
        var output: String

        func run() throws {
            let trace = SyntheticTrace.make(events: events, tasks: tasks)
            try AtomicFile.write(to: output) { TraceWriter.write(trace, to: &$0) }
        }
    }

    struct ScenarioCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario", abstract: "The scraper scenario with any number of pages.")

        @Option(help: "How many pages to fetch.")
        var fetches = 200_000

        @Option(name: .shortAndLong, help: "The file to write.")
        var output: String

        func run() throws {
            try AtomicFile.write(to: output) { $0.write(SyntheticScenario.scraper(fetches: fetches)) }
        }
    }
}
