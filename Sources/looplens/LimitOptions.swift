import ArgumentParser
import LoopLensSimulation

/// The options that raise the limits on reading and simulating a scenario.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-tasks"), help: "Refuse a scenario that creates more tasks than this in one run.")
    var tasks = SimulationLimits.standard.tasks

    @Option(name: .customLong("max-events"), help: "Stop a simulated run that records more events than this.")
    var events = SimulationLimits.standard.events

    @Option(
        name: .customLong("max-yaml-nodes"),
        help: "Refuse a scenario that expands (aliases and counts included) to more YAML nodes than this."
    )
    var yamlNodes = SimulationLimits.standard.yamlNodes

    var limits: SimulationLimits { SimulationLimits(tasks: tasks, yamlNodes: yamlNodes, events: events) }

    func validate() throws {
        for (value, option) in [(tasks, "--max-tasks"), (events, "--max-events"), (yamlNodes, "--max-yaml-nodes")] where value < 1 {
            throw ValidationError("\(option) must be at least 1")
        }
        // A run's tasks and events are numbered in 32 bits (the trace model's columns).
        for (value, option) in [(tasks, "--max-tasks"), (events, "--max-events")] where value > Int(Int32.max) {
            throw ValidationError("\(option) must be at most \(Int32.max): a run's tasks and events are numbered in 32 bits")
        }
    }
}
