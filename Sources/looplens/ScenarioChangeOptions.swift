import ArgumentParser
import LoopLensSimulation

/// `--set KEY=VALUE`: what-if changes to a scenario before it runs, shared by `open`, `run`,
/// `export`, `check` and `sweep`.
struct ScenarioChangeOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change the scenario before running it (repeatable): threads=8, semaphores.pool=4, tasks.fetch{i}.count=100, tasks.main.steps.0.io=2s.",
            valueName: "key=value"))
    var texts: [String] = []

    /// The changes, in the order given.
    var overrides: [ScenarioOverride] { texts.compactMap(ScenarioOverride.init) }

    func validate() throws {
        for text in texts where ScenarioOverride(text) == nil {
            throw ValidationError("--set '\(text)': write KEY=VALUE, the key a path of names joined by dots, e.g. semaphores.pool=4")
        }
    }
}
