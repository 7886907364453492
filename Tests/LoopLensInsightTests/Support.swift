import Foundation
import LoopLensInsight
import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace

/// The simulated trace of a shipped scenario (`Scenarios/NAME.yaml`) or of one built for these
/// tests (`Tests/LoopLensInsightTests/Scenarios/NAME.yaml`).
func trace(of name: String, shipped: Bool = true) throws -> Trace {
    let folder =
        shipped
        ? packageRoot.appendingPathComponent("Scenarios")
        : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")
    let scenario = try ScenarioLoader.load(file: folder.appendingPathComponent("\(name).yaml").path)
    return try Simulator.trace(of: scenario)
}

/// A run built from each task's events, merged in time order: (name, parent, events).
func run(_ tasks: [(String, Int?, [Event])], name: String = "concurrent") -> Run {
    var run = Run(name: name, scenario: "built")
    for (index, task) in tasks.enumerated() { run.tasks.add(id: index, name: task.0, parent: task.1) }
    for event in tasks.flatMap(\.2).enumerated().sorted(by: { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }) {
        run.events.append(event.element)
    }
    return run
}
