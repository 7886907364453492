import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTimeline
import LoopLensTrace
import Testing

/// Locks and semaphores as lanes: who holds them and who waits, from the `acquire` and `release`
/// events the simulator writes.
@Suite struct ResourceLaneTests {
    func concurrentRun(_ yaml: String) throws -> Run {
        try Simulator.run(try ScenarioLoader.parse(yaml, file: "t.yaml"), as: .concurrent)
    }

    /// Five tasks hold a semaphore of 2 across `io: 1s`: two at a time, then the fifth alone.
    @Test func semaphorePermitsInUseAre2Then2Then1() throws {
        let run = try concurrentRun(HandComputedScenarios.semaphoreOfTwo)
        let use = try #require(run.resourceUses().first)
        #expect(use.kind == .semaphore && use.name == "pool")
        let seconds = [0, 1, 2, 3].map { Nanoseconds($0) * .perSecond + 500 * .perMillisecond }
        #expect(seconds.map { use.step(at: $0)?.holders } == [2, 2, 1, 0])
        #expect(seconds.map { use.step(at: $0)?.waiters } == [3, 1, 0, 0])
        // 45 columns for 3 s: 30 of two permits, 15 of one.
        let text = lane(of: run, width: 60)
        #expect(text == "semaphore pool " + String(repeating: "2", count: 30) + String(repeating: "1", count: 15), "\(text)")
    }

    /// Three tasks take a lock around `io: 1s`: the holder changes at each second.
    @Test func lockHolderChangesEachSecond() throws {
        let run = try concurrentRun(
            """
            compare: [concurrent]
            locks: [db]
            tasks:
              - name: worker{i}
                count: 3
                steps:
                  - lock: db
                    steps: [{io: 1s}]
            """)
        let use = try #require(run.resourceUses().first)
        let holders = [0, 1, 2].map {
            use.step(at: Nanoseconds($0) * .perSecond + 500 * .perMillisecond)?.holder.map { run.tasks[$0].name }
        }
        #expect(holders == ["worker1", "worker2", "worker3"])
        #expect(use.step(at: 3 * .perSecond)?.holders == 0)
        // The lanes are indented under main (9 columns), so 34 columns show 3 s: a holder's name at
        // the start of each stretch (columns 0, 11 and 22), the bar after it.
        #expect(lane(of: run, width: 44) == "lock db   worker1━━━━worker2━━━━worker3━━━━━", "\(lane(of: run, width: 44))")
    }

    @Test func aTraceWithoutAcquisitionsHasNoResourceLanes() throws {
        var run = Run(name: "real", scenario: "python")
        run.tasks.add(id: 0, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .suspend, detail: .wait(on: .lock, what: "lock 1")))
        #expect(run.resourceUses().isEmpty)
    }

    /// The resource's row in a text export of the run at `width` columns.
    func lane(of run: Run, width: Int) -> String {
        var viewport = Viewport(width: width)
        viewport.showsLegend = false
        let grid = TimelineLayout.grid(for: Trace(runs: [run]), in: viewport)
        let row = grid.rows.first { if case .resource = $0.kind { true } else { false } }
        return row.map { TextRenderer.line(for: $0).trimmingCharacters(in: .newlines) } ?? "none"
    }
}
