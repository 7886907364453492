import LoopLensRealRun
import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// Shipped scenarios run for real on the Swift tracer, compared with their simulation. The
/// comparisons are of event order and results, never of how long anything took.
@Suite struct RealRunTests {
    /// What a task did, in order: each resume, each suspension with what it waited on, its finish.
    static func steps(of task: String, in run: Run) -> [String] {
        guard let index = run.tasks.firstIndex(where: { $0.name == task }) else { return [] }
        return run.events.filter { $0.task == index }.compactMap { event in
            switch (event.kind, event.detail) {
            case (.resume, _): "resume"
            case (.suspend, .wait(let reason, let what)?): "suspend \(reason.rawValue) \(what)"
            case (.finish, .outcome(let result, _)?): "finish \(result.rawValue)"
            default: nil
            }
        }
    }

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/\(name).yaml").path)
    }

    @Test(arguments: ["downloads", "blocking_the_loop"])
    func theRealRunResumesAndSuspendsEachTaskInTheSimulatedOrder(_ name: String) async throws {
        let scenario = try Self.load(name)
        let simulated = try Simulator.run(scenario, as: .concurrent)
        let real = await RealRun.run(scenario, scale: 0.01)
        #expect(real.name == "real")
        #expect(real.clock == "monotonic")
        #expect(real.tasks.map(\.name) == simulated.tasks.map(\.name))
        #expect(real.tasks.map(\.parent) == simulated.tasks.map(\.parent))
        for task in simulated.tasks {
            #expect(Self.steps(of: task.name, in: real) == Self.steps(of: task.name, in: simulated), "\(task.name)")
        }
        let prints = { (run: Run) in run.events.filter { $0.kind == .print }.count }
        #expect(prints(real) == prints(simulated))
    }

    @Test func nothingElseRunsWhileTheCPUWorkHoldsTheLoop() async throws {
        let run = await RealRun.run(try Self.load("blocking_the_loop"), scale: 0.05)
        let events = Array(run.events)
        let compress = run.tasks.firstIndex { $0.name == "compress" }!
        let start = events.firstIndex { $0.task == compress && $0.kind == .resume }!
        let end = events.firstIndex { $0.task == compress && $0.kind == .finish }!
        // The 3 s of CPU work is one job: whoever became ready meanwhile (the fetches' reads end
        // at 1 s, the ticker's sleeps every 0.5 s) waits for the loop until it returns.
        #expect(!events[(start + 1)..<end].contains { $0.kind == .resume })
        #expect(events[(start + 1)..<end].allSatisfy { $0.kind == .ready || $0.kind == .spawn || $0.kind == .print && $0.task == compress })
    }

    @Test func failuresCancellationsAndTimeoutsEndTasksAsTheSimulationDoes() async throws {
        for name in ["exceptions", "timeout"] {
            let scenario = try Self.load(name)
            let simulated = try Simulator.run(scenario, as: .concurrent)
            // The endings hang on real timers: in `timeout`, part1 must end (1 s) before the 1.5 s
            // timeout; in `exceptions`, main must cancel fetch_slow (at 0.5 s) before its 2 s read
            // ends. At 0.4 those margins are 200 ms and 600 ms of real time, which a loaded CI
            // machine does not eat up; at 0.05 (25 ms and 75 ms) it once did.
            // A machine busy enough to stall the whole test process (CI once stalled it 22 s) can
            // still eat a margin: a run that ends otherwise is repeated, up to three runs in all.
            let endings = { (run: Run) in
                run.events.filter { $0.kind == .finish }.compactMap { event -> String? in
                    guard case .outcome(let result, let error)? = event.detail, let task = event.task else { return nil }
                    return "\(run.tasks[task].name) \(result.rawValue) \(result == .error ? error ?? "" : "")"
                }.sorted()
            }
            var real = await RealRun.run(scenario, scale: 0.4)
            for _ in 1..<3 where endings(real) != endings(simulated) {
                real = await RealRun.run(scenario, scale: 0.4)
            }
            #expect(endings(real) == endings(simulated), "\(name), in each of 3 runs")
        }
    }

    @Test func toThreadCallsRunOnLanesOfTheirOwn() async throws {
        let run = await RealRun.run(try Self.load("to_thread"), scale: 0.01)
        let lanes = run.tasks.filter { $0.name.hasSuffix(":thread") }
        #expect(lanes.map(\.name).sorted() == ["legacy1:thread", "legacy2:thread", "legacy3:thread"])
        for lane in lanes {
            #expect(run.tasks[lane.parent!].name + ":thread" == lane.name)
        }
    }

    @Test func realTimesAreDividedByTheScale() async throws {
        let run = await RealRun.run(try Self.load("downloads"), scale: 0.01)
        // Each download waits 2 s of scenario time: 20 ms for real, shown as at least 2 s from the
        // task's resume (before the timer is armed) to its ready (after the timer fired). The
        // suspend in between is recorded when the job returns, which on a loaded machine may be
        // well after the timer was armed, so the waiting part alone has no lower bound.
        for page in ["page1", "page2", "page3"] {
            let timeline = run.taskTimelines()[run.tasks.firstIndex { $0.name == page }!]
            let firstReady = timeline.intervals.first { $0.state.category == .ready && $0.start > timeline.start }
            let resume = timeline.intervals.first { $0.state.category == .running }
            #expect((firstReady?.start ?? 0) - (resume?.start ?? 0) >= 2 * Nanoseconds.perSecond, "\(page)")
        }
    }
}
