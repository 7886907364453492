import LoopLensTrace

extension ScenarioParser {
    /// Reports a scenario whose durations add up to more than ``TimeLimit``: run one after another
    /// (the `sequential` execution), every step of every task, with each `call`, `spawn` and
    /// `gather` counting its task's steps again, and each `timeout` its limit. No execution takes
    /// longer than that sum, so a scenario that passes cannot overflow the simulator's clock.
    mutating func checkTotalTime(of scenario: Scenario) {
        var totals = DurationTotals(definitions: scenario.tasks + scenario.subtasks)
        let perTask = scenario.tasks.map { ($0.name, totals.total(of: $0.name)) }
        let sum = perTask.reduce(0) { DurationTotals.adding($0, $1.1) }
        guard sum > TimeLimit.nanoseconds, let largest = perTask.max(by: { $0.1 < $1.1 }) else { return }
        report(
            definitionMarks[largest.0],
            "the scenario's durations add up to more than \(TimeLimit.description) (task '\(largest.0)' alone: \(DurationTotals.describe(largest.1))), the longest LoopLens simulates; shorten the durations or lower the counts"
        )
    }
}

/// Each task definition's durations summed, with the tasks it calls, spawns and gathers, saturating
/// just above ``TimeLimit`` so that no sum overflows.
private struct DurationTotals {
    static let saturation = TimeLimit.nanoseconds + 1
    let definitions: [String: TaskDefinition]
    var known: [String: Nanoseconds] = [:]

    init(definitions: [TaskDefinition]) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }) { first, _ in first }
    }

    static func adding(_ a: Nanoseconds, _ b: Nanoseconds) -> Nanoseconds { min(a + b, saturation) }

    static func describe(_ total: Nanoseconds) -> String {
        total >= saturation ? "more than \(TimeLimit.description)" : total.formatted(.summary, ascii: true)
    }

    /// The total of the task named `name` (a definition's name; names are checked and acyclic).
    mutating func total(of name: String) -> Nanoseconds {
        if let total = known[name] { return total }
        let total = total(of: definitions[name]?.steps ?? [])
        known[name] = total
        return total
    }

    private mutating func total(of steps: [Step]) -> Nanoseconds {
        var sum: Nanoseconds = 0
        for step in steps {
            let part: Nanoseconds =
                switch step {
                case .cpu(let duration), .sleep(let duration), .io(let duration, _), .toThread(let duration): duration
                case .lock(_, let inner), .semaphore(_, let inner): total(of: inner)
                case .timeout(let limit, let inner): Self.adding(limit, total(of: inner))
                case .call(let name), .spawn(let name): total(of: name)
                case .gather(let names): names.reduce(0) { Self.adding($0, total(of: $1)) }
                case .print, .await, .fail, .setEvent, .waitEvent, .put, .get: 0
                }
            sum = Self.adding(sum, part)
        }
        return sum
    }
}
