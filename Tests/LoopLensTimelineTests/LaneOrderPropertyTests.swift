import LoopLensTestSupport
import LoopLensTrace
import PropertyBased
import Testing

@testable import LoopLensTimeline

/// The two ways to order lanes agree: the walk of the whole task tree, and the paths of a few
/// selected tasks (what an export with `--lanes` uses).
@Suite struct LaneOrderPropertyTests {
    /// A random run: up to 30 tasks with random parents (none, any task, itself, so cycles too)
    /// and up to three events each at random times (some tasks have none).
    static func randomRun(_ generator: inout SplitMix) -> Run {
        var run = Run(name: "r", scenario: "s")
        let count = Int(1 + generator.next() % 30)
        for index in 0..<count {
            let parent: Int? = generator.next() % 3 == 0 ? nil : Int(generator.next() % UInt64(count))
            run.tasks.add(id: index, name: "t\(index)", parent: parent)
        }
        var events: [Event] = []
        for index in 0..<count {
            for _ in 0..<Int(generator.next() % 4) {
                events.append(Event(time: Nanoseconds(generator.next() % 50), task: index, kind: .resume))
            }
        }
        for event in events.sorted(by: { $0.time < $1.time }) { run.events.append(event) }
        return run
    }

    @Test func selectedPathsGiveTheTreeWalksOrderAndDepths() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            var generator = SplitMix(seed: seed)
            let run = Self.randomRun(&generator)
            let selected = run.tasks.indices.filter { _ in generator.next() % 2 == 0 }
            let whole = run.lanes(starts: run.taskStarts(TaskEventIndex(run))).filter { selected.contains($0.task) }
            #expect(run.lanes(of: selected) == whole, "seed \(seed)")
        }
    }
}
