import LoopLensTrace

extension ScenarioParser {
    /// Reports a scenario that would take too long or create too many tasks, before anything is
    /// simulated.
    ///
    /// Durations are summed as if run one after another (the `sequential` execution): every step of
    /// every task, with each `call`, `spawn` and `gather` counting its task's steps again, and each
    /// `timeout` its limit. No execution takes longer than that sum, so a scenario within
    /// ``TimeLimit`` cannot overflow the simulator's clock. Tasks are counted the same way: each
    /// top-level task, and each `spawn` and `gather` of a task with everything it creates in turn.
    mutating func checkTotals(of scenario: Scenario) {
        var totals = ScenarioTotals(definitions: scenario.tasks + scenario.subtasks, taskLimit: limits.tasks)
        let perTask = scenario.tasks.map { ($0.name, totals.total(of: $0.name)) }
        let sum = perTask.reduce(ScenarioTotals.Total(duration: 0, tasks: 1)) { totals.adding($0, $1.1.asTask) }
        if sum.duration > TimeLimit.nanoseconds, let largest = perTask.max(by: { $0.1.duration < $1.1.duration }) {
            report(
                definitionMarks[largest.0],
                "the scenario's durations add up to more than \(TimeLimit.description) (task '\(largest.0)' alone: \(ScenarioTotals.describe(largest.1.duration))), the longest LoopLens simulates; shorten the durations or lower the counts"
            )
        }
        if sum.tasks > limits.tasks, let largest = perTask.max(by: { $0.1.tasks < $1.1.tasks }) {
            report(
                definitionMarks[largest.0],
                "the scenario creates more than \(limits.tasks) tasks in one run (task '\(largest.0)' with what it spawns and gathers: \(largest.1.tasks >= totals.taskSaturation ? "more than \(limits.tasks)" : "\(largest.1.tasks + 1)")); lower the counts, or raise the limit with \(SimulationLimits.option(for: .tasks))"
            )
        }
    }
}

/// Each task definition's durations and the tasks it creates, summed with the tasks it calls,
/// spawns and gathers, saturating just above the limits so that no sum overflows.
private struct ScenarioTotals {
    /// A definition's total: how long its steps take, and how many tasks running it creates (not
    /// counting itself: a `call` runs it inline; ``asTask`` adds it).
    struct Total {
        var duration: Nanoseconds
        var tasks: Int

        /// The total of running the definition as a task of its own.
        var asTask: Total { Total(duration: duration, tasks: tasks + 1) }
    }

    static let durationSaturation = TimeLimit.nanoseconds + 1
    let taskSaturation: Int
    let definitions: [String: TaskDefinition]
    var known: [String: Total] = [:]

    init(definitions: [TaskDefinition], taskLimit: Int) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }) { first, _ in first }
        taskSaturation = taskLimit + 1
    }

    func adding(_ a: Total, _ b: Total) -> Total {
        Total(duration: min(a.duration + b.duration, Self.durationSaturation), tasks: min(a.tasks + b.tasks, taskSaturation))
    }

    static func describe(_ total: Nanoseconds) -> String {
        total >= durationSaturation ? "more than \(TimeLimit.description)" : total.formatted(.summary, ascii: true)
    }

    /// The total of the definition named `name` (names are checked and acyclic).
    mutating func total(of name: String) -> Total {
        if let total = known[name] { return total }
        let total = total(of: definitions[name]?.steps ?? [])
        known[name] = total
        return total
    }

    private mutating func total(of steps: [Step]) -> Total {
        var sum = Total(duration: 0, tasks: 0)
        for step in steps {
            let part: Total =
                switch step {
                case .cpu(let duration), .sleep(let duration), .io(let duration, _), .toThread(let duration):
                    Total(duration: duration, tasks: 0)
                case .lock(_, let inner), .semaphore(_, let inner): total(of: inner)
                case .timeout(let limit, let inner): adding(Total(duration: limit, tasks: 0), total(of: inner))
                case .call(let name): total(of: name)
                case .spawn(let name): total(of: name).asTask
                case .gather(let names): names.reduce(Total(duration: 0, tasks: 0)) { adding($0, total(of: $1).asTask) }
                case .print, .await, .fail, .setEvent, .waitEvent, .put, .get: Total(duration: 0, tasks: 0)
                }
            sum = adding(sum, part)
        }
        return sum
    }
}
