import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTimeline
import LoopLensTrace
import PropertyBased
import Testing

/// Times at the edge of ``TimeLimit``: scenarios whose durations add up to nearly 100 years are
/// simulated in every execution, laid out at random widths and windows, and summarised, and no
/// arithmetic overflows on the way.
@Suite struct TimeLimitPropertyTests {
    /// A random scenario's durations add up to at most 160 units (5 tasks × 4 steps × 8 units).
    static let unit = TimeLimit.nanoseconds / 200

    @Test func simulationLayoutAndSummaryHoldAtTheLimit() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            var random = RandomScenario(seed: seed, unit: Self.unit)
            var scenario = random.make()
            scenario.executions = Execution.allCases
            // GIL turns of 5 ms over decades of `cpu` would be billions of events: one turn per unit.
            scenario.switchInterval = Self.unit
            let trace = try Simulator.trace(of: scenario)
            var generator = SplitMix(seed: seed)
            for run in trace.runs {
                #expect(run.duration <= TimeLimit.nanoseconds, "seed \(seed), \(run.name)")
            }
            let start = Nanoseconds(generator.next() % UInt64(TimeLimit.nanoseconds))
            let end = start + 1 + Nanoseconds(generator.next() % UInt64(TimeLimit.nanoseconds))
            for window in [nil, start...end, 0...TimeLimit.nanoseconds] {
                let width = 40 + Int(generator.next() % 300)
                let grid = TimelineLayout.grid(for: trace, in: Viewport(window: window, width: width))
                #expect(grid.rows.allSatisfy { $0.cells.count == width }, "seed \(seed), width \(width)")
                #expect(!TextRenderer.render(grid).isEmpty)
                #expect(!SVGRenderer.render(grid).isEmpty)
            }
            let summary = RunSummary.report(for: trace)
            #expect(trace.runs.allSatisfy { summary.contains("\($0.name): total") }, "seed \(seed)")
        }
    }

    @Test func durationsFormatAtTheLimit() {
        #expect(TimeLimit.nanoseconds.formatted(.summary) == "3155760000.00 s")
        #expect(TimeLimit.nanoseconds.formatted(.compact) == "3155760000s")
        #expect(Nanoseconds.max.formatted(.summary) == "9223372036.85 s")
    }
}

/// Found by the property test above: a run of 1 ns beside one of 100 years.
@Suite struct SpeedupAtTheLimitTests {
    @Test func theLargestSpeedupIsCappedNotTrapped() throws {
        var slow = Run(name: "sequential", scenario: "s")
        slow.events.append(Event(time: TimeLimit.nanoseconds, task: nil, kind: .deadlock))
        var fast = Run(name: "concurrent", scenario: "s")
        fast.events.append(Event(time: 1, task: nil, kind: .deadlock))
        let speedup = try #require(Speedup(of: fast, over: slow))
        #expect(speedup.hundredths == 1_000_000_000_000_000)
    }
}
