import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import PropertyBased
import Testing

/// Builds a random but valid scenario from a seed, so a failing seed reproduces.
struct RandomScenario {
    private var generator: SplitMix

    init(seed: Int) {
        generator = SplitMix(seed: seed)
    }

    private mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }

    private mutating func duration() -> Nanoseconds { Nanoseconds(below(5)) * 250 * .perMillisecond }

    /// A scenario of 1–5 tasks; with `waitsOnly`, every step is sleep, io or print.
    mutating func make(waitsOnly: Bool = false) -> Scenario {
        let helper = TaskDefinition(name: "helper", steps: [.io(duration(), label: nil), .print("helper done")])
        let tasks = (1...(1 + below(5))).map { index in
            TaskDefinition(name: "t\(index)", steps: (0..<(1 + below(4))).flatMap { _ in steps(waitsOnly: waitsOnly) })
        }
        return Scenario(
            title: "random", tasks: tasks, subtasks: [helper], locks: ["l"], semaphores: ["s": 2], threads: 1 + below(3),
            cores: 1 + below(3), gil: below(2) == 0)
    }

    /// `async with l:`, with prints that mark when the lock is held.
    private mutating func lockBlock() -> Step {
        .lock("l", steps: [.print("l+"), .io(duration(), label: nil), .print("l-")])
    }

    private mutating func steps(waitsOnly: Bool) -> [Step] {
        let choices = waitsOnly ? 3 : 13
        switch below(choices) {
        case 0: return [.sleep(duration())]
        case 1: return [.io(duration(), label: nil)]
        case 2: return [.print("p")]
        case 3: return [.cpu(duration())]
        case 4: return [lockBlock()]
        case 5: return [.semaphore("s", steps: [.sleep(duration()), .cpu(duration())])]
        case 6: return [.toThread(duration())]
        case 7: return [below(2) == 0 ? .gather(["helper", "helper"]) : .call("helper")]
        case 8: return [.timeout(duration() + 1, steps: [.io(duration(), label: nil)])]
        case 9: return [.spawn("helper")] + (below(2) == 0 ? [.sleep(duration()), .await("helper")] : [])
        case 10: return [.timeout(duration() + 1, steps: [lockBlock()])]
        case 11: return [.spawn("helper"), .await("helper")]
        default: return below(3) == 0 ? [.fail("boom")] : [.sleep(0)]
        }
    }
}

@Suite struct SimulationPropertyTests {
    static let seeds = Gen.int(in: 0...Int.max)

    @Test func stateIntervalsTileEachTasksLife() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var random = RandomScenario(seed: seed)
            let scenario = random.make()
            for execution in Execution.allCases {
                let run = Simulator.run(scenario, as: execution)
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
                let run = Simulator.run(scenario, as: execution)
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
                let run = Simulator.run(scenario, as: execution)
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
            let sequential = Simulator.run(scenario, as: .sequential)
            let concurrent = Simulator.run(scenario, as: .concurrent)
            #expect(concurrent.duration <= sequential.duration, "seed \(seed)")
        }
    }

    @Test func theSameScenarioGivesTheSameBytes() async {
        await propertyCheck(count: 50, input: Self.seeds) { seed in
            var first = RandomScenario(seed: seed)
            var second = RandomScenario(seed: seed)
            let a = TraceWriter.encode(Simulator.trace(of: first.make()))
            let b = TraceWriter.encode(Simulator.trace(of: second.make()))
            #expect(a == b)
        }
    }

    @Test func shippedScenariosAreDeterministic() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/scraper.yaml").path)
        #expect(TraceWriter.encode(Simulator.trace(of: scenario)) == TraceWriter.encode(Simulator.trace(of: scenario)))
    }
}
