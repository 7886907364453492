import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import PropertyBased
import Testing

@Suite struct SimulationPropertyTests {
    static let seeds = Gen.int(in: 0...Int.max)

    @Test func stateIntervalsTileEachTasksLife() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var random = RandomScenario(seed: seed)
            let scenario = random.make()
            for execution in Execution.allCases {
                let run = try Simulator.run(scenario, as: execution)
                for timeline in run.taskTimelines() {
                    #expect(timeline.ending != nil, "every task finishes or its deadlock is reported (seed \(seed), \(execution))")
                    var cursor = timeline.start
                    for interval in timeline.intervals {
                        #expect(interval.start == cursor, "no gap or overlap (seed \(seed), \(execution))")
                        #expect(interval.end > interval.start)
                        cursor = interval.end
                    }
                    #expect(cursor == timeline.end, "intervals reach the end (seed \(seed), \(execution))")
                }
            }
        }
    }

    @Test func atMostOneTaskRunsOnTheLoop() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var random = RandomScenario(seed: seed)
            let scenario = random.make()
            for execution in [Execution.concurrent, .sequential] {
                let run = try Simulator.run(scenario, as: execution)
                let running = run.taskTimelines()
                    .filter { !run.tasks[$0.task].name.contains(":thread") }  // to_thread jobs run on worker threads
                    .flatMap { $0.intervals.filter { $0.state == .running } }
                    .sorted { $0.start < $1.start }
                for (earlier, later) in zip(running, running.dropFirst()) {
                    #expect(earlier.end <= later.start, "two tasks run at once (seed \(seed), \(execution))")
                }
            }
        }
    }

    @Test func aLockNeverHasTwoHolders() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var random = RandomScenario(seed: seed)
            let scenario = random.make()
            for execution in Execution.allCases {
                let run = try Simulator.run(scenario, as: execution)
                var holder: Int?
                for event in run.events {
                    switch (event.kind, event.detail) {
                    case (.print, .text("l+")?):
                        #expect(holder == nil, "task \(event.task!) takes l while \(holder!) holds it (seed \(seed), \(execution))")
                        holder = event.task
                    case (.print, .text("l-")?),
                        (.finish, _) where event.task == holder:
                        holder = nil
                    default:
                        continue
                    }
                }
            }
        }
    }

    @Test func concurrencyNeverLosesWhenTasksOnlyWait() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var random = RandomScenario(seed: seed)
            let scenario = random.make(waitsOnly: true)
            let sequential = try Simulator.run(scenario, as: .sequential)
            let concurrent = try Simulator.run(scenario, as: .concurrent)
            #expect(concurrent.duration <= sequential.duration, "seed \(seed)")
        }
    }

    @Test func theSameScenarioGivesTheSameBytes() async {
        await propertyCheck(count: 50, input: Self.seeds) { seed in
            var first = RandomScenario(seed: seed)
            var second = RandomScenario(seed: seed)
            let a = TraceWriter.encode(try Simulator.trace(of: first.make()))
            let b = TraceWriter.encode(try Simulator.trace(of: second.make()))
            #expect(a == b)
        }
    }

    @Test func shippedScenariosAreDeterministic() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/scraper.yaml").path)
        let first = TraceWriter.encode(try Simulator.trace(of: scenario))
        let second = TraceWriter.encode(try Simulator.trace(of: scenario))
        #expect(first == second)
    }
}
