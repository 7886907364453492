import Foundation
import LoopLensTestSupport
import LoopLensSimulation
import LoopLensTrace

func seconds(_ value: Double) -> Nanoseconds { Nanoseconds((value * 1e9).rounded()) }

func scenario(_ yaml: String) throws -> Scenario {
    try ScenarioLoader.parse(yaml, file: "test.yaml")
}

func simulate(_ yaml: String, as execution: Execution) throws -> Run {
    try Simulator.run(try scenario(yaml), as: execution)
}

extension Run {
    /// The index of the task named `name`.
    func task(named name: String) -> Int? { tasks.firstIndex { $0.name == name } }

    /// The events of one task, in order.
    func events(of name: String) -> [Event] {
        guard let index = task(named: name) else { return [] }
        return events.filter { $0.task == index }
    }

    /// The `finish` event of the task named `name`.
    func finish(of name: String) -> Event? { events(of: name).last { $0.kind == .finish } }

    /// The timeline of the task named `name`.
    func timeline(of name: String) -> TaskTimeline? {
        guard let index = task(named: name) else { return nil }
        return taskTimelines()[index]
    }
}
