import LoopLensTestSupport
import LoopLensSimulation
import LoopLensTrace
import Testing

/// Small programs whose virtual times are worked out by hand.
@Suite struct HandComputedTimeTests {
    @Test func cpuBeforeIOHoldsTheLoop() throws {
        let yaml = """
            scenario: cpu first
            tasks:
              - name: A
                steps: [{cpu: 2s}]
              - name: B
                steps: [{io: 1s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        // A holds the loop 0–2 s; B only starts its 1 s read at 2 s.
        #expect(run.duration == seconds(3))
        #expect(run.timeline(of: "B")?.firstResume == seconds(2))
    }

    @Test func ioBeforeCPUOverlapsAndBIsReadyFromOneToTwoSeconds() throws {
        let yaml = """
            scenario: io first
            tasks:
              - name: B
                steps: [{io: 1s}]
              - name: A
                steps: [{cpu: 2s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(run.duration == seconds(2))
        let intervals = try #require(run.timeline(of: "B")?.intervals)
        #expect(intervals.contains(StateInterval(start: seconds(1), end: seconds(2), state: .ready)))
        #expect(intervals.filter { $0.state == .ready }.count == 1)
        #expect(run.events(of: "B").map(\.kind) == [.spawn, .resume, .suspend, .ready, .resume, .finish])
        #expect(run.events(of: "B")[3].time == seconds(1))
        #expect(run.events(of: "B")[4].time == seconds(2))
    }

    @Test func semaphoreOfTwoRunsFiveInThreeWaves() throws {
        #expect(try simulate(HandComputedScenarios.semaphoreOfTwo, as: .concurrent).duration == seconds(3))
        #expect(try simulate(HandComputedScenarios.semaphoreOfTwo, as: .sequential).duration == seconds(5))
        let run = try simulate(HandComputedScenarios.semaphoreOfTwo, as: .concurrent)
        #expect(run.finish(of: "t1")?.time == seconds(1))
        #expect(run.finish(of: "t3")?.time == seconds(2))
        #expect(run.finish(of: "t5")?.time == seconds(3))
        let t3 = try #require(run.timeline(of: "t3"))
        #expect(
            t3.intervals.first { $0.state == .waiting(.semaphore) }
                == StateInterval(start: 0, end: seconds(1), state: .waiting(.semaphore), what: "pool"))
    }

    @Test func lockSerialisesInBothExecutions() throws {
        let yaml = """
            scenario: lock
            locks: [db]
            tasks:
              - name: t{i}
                count: 3
                steps:
                  - lock: db
                    steps: [{io: 1s}]
            """
        #expect(try simulate(yaml, as: .concurrent).duration == seconds(3))
        #expect(try simulate(yaml, as: .sequential).duration == seconds(3))
        let run = try simulate(yaml, as: .concurrent)
        // FIFO: t2 gets the lock when t1 releases it, then t3.
        #expect(run.finish(of: "t2")?.time == seconds(2))
        #expect(run.events(of: "t2").contains { $0.kind == .ready && $0.detail == .wake(by: "lock db") && $0.time == seconds(1) })
    }

    @Test(arguments: [(1, 2.0), (2, 1.0)])
    func toThreadUsesThePool(threads: Int, total: Double) throws {
        let yaml = """
            scenario: to_thread
            threads: \(threads)
            tasks:
              - name: t{i}
                count: 2
                steps: [{to_thread: 1s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(run.duration == seconds(total))
        #expect(run.task(named: "t1:thread") != nil)
        #expect(run.tasks[try #require(run.task(named: "t1:thread"))].parent == run.task(named: "t1"))
    }

    @Test func gilSerialisesThreadsAndProcessesRunInParallel() throws {
        let yaml = """
            scenario: cpu
            cores: 2
            compare: [threads, processes]
            tasks:
              - name: t{i}
                count: 2
                steps: [{cpu: 1s}]
            """
        let threads = try simulate(yaml, as: .threads)
        // Under the GIL the two threads take turns every 5 ms: t1 runs 0–5 ms, t2 5–10 ms, …
        // t1's 200th slice ends at 1.995 s, t2's at 2 s.
        #expect(threads.duration == seconds(2))
        #expect(threads.finish(of: "t1")?.time == seconds(1.995))
        let t2 = try #require(threads.timeline(of: "t2"))
        #expect(t2.intervals.prefix(3).map(\.state) == [.ready, .running, .ready])
        #expect(t2.intervals[0] == StateInterval(start: 0, end: seconds(0.005), state: .ready))
        #expect(t2.intervals[1] == StateInterval(start: seconds(0.005), end: seconds(0.01), state: .running))
        #expect(t2.intervals.filter { $0.state == .running }.count == 200)
        #expect(try simulate(yaml, as: .processes).duration == seconds(1))
        #expect(try simulate(yaml.replacingOccurrences(of: "cores: 2", with: "cores: 2\ngil: false"), as: .threads).duration == seconds(1))
    }

    @Test func gatherPassesTheFirstFailureButDoesNotCancelTheOthers() throws {
        let yaml = """
            scenario: failure
            tasks:
              - name: main
                steps:
                  - spawn: group
                  - sleep: 3s
            subtasks:
              - name: group
                steps:
                  - gather: [bad, slow]
                  - print: not reached
              - name: bad
                steps: [{io: 500ms}, {fail: boom}]
              - name: slow
                steps: [{io: 2s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(
            run.finish(of: "bad")
                == Event(time: seconds(0.5), task: run.task(named: "bad"), kind: .finish, detail: .outcome(.error, error: "boom")))
        // The awaiter sees the error at once...
        #expect(
            run.finish(of: "group")
                == Event(time: seconds(0.5), task: run.task(named: "group"), kind: .finish, detail: .outcome(.error, error: "boom")))
        // ...while the other child keeps running to its end.
        #expect(run.finish(of: "slow")?.time == seconds(2))
        #expect(run.finish(of: "slow")?.detail == .outcome(.ok, error: nil))
        #expect(run.finish(of: "main")?.detail == .outcome(.ok, error: nil))
        #expect(run.duration == seconds(3))
    }

    @Test func awaitingAFailedTaskRaisesItsError() throws {
        let yaml = """
            scenario: await failure
            tasks:
              - name: main
                steps:
                  - spawn: worker
                  - sleep: 1s
                  - await: worker
            subtasks:
              - name: worker
                steps: [{fail: broken}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(run.finish(of: "worker")?.time == 0)
        #expect(run.finish(of: "main") == Event(time: seconds(1), task: 0, kind: .finish, detail: .outcome(.error, error: "broken")))
    }

    @Test func opposingLocksDeadlockWithoutHanging() throws {
        let yaml = """
            scenario: deadlock
            locks: [a, b]
            tasks:
              - name: first
                steps:
                  - lock: a
                    steps:
                      - sleep: 1s
                      - lock: b
                        steps: [{print: never}]
              - name: second
                steps:
                  - lock: b
                    steps:
                      - sleep: 1s
                      - lock: a
                        steps: [{print: never}]
            """
        let run = try simulate(yaml, as: .concurrent)
        let deadlocks = run.events.filter { $0.kind == .deadlock }
        #expect(deadlocks.map(\.time) == [seconds(1), seconds(1), seconds(1)])
        #expect(run.events(of: "first").last?.detail == .wait(on: .lock, what: "b"))
        #expect(run.events(of: "second").last?.detail == .wait(on: .lock, what: "a"))
        #expect(run.events(of: "main").last?.kind == .deadlock)
        // One after the other, nothing deadlocks.
        #expect(try simulate(yaml, as: .sequential).events.allSatisfy { $0.kind != .deadlock })
    }

    @Test func sleepZeroYieldsToTheLoop() throws {
        let yaml = """
            scenario: yield
            tasks:
              - name: A
                steps: [{print: a1}, {sleep: 0}, {print: a2}]
              - name: B
                steps: [{print: b1}]
            """
        let run = try simulate(yaml, as: .concurrent)
        let printed = run.events.compactMap { event -> String? in
            if case .text(let text)? = event.detail { text } else { nil }
        }
        #expect(printed == ["a1", "b1", "a2"])
        #expect(run.duration == 0)
    }

    @Test func awaitingAFinishedTaskDoesNotSuspend() throws {
        let yaml = """
            scenario: await done
            tasks:
              - name: main
                steps:
                  - spawn: quick
                  - sleep: 1s
                  - await: quick
                  - print: done
            subtasks:
              - name: quick
                steps: [{print: hi}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(run.events(of: "main").filter { $0.kind == .suspend }.count == 1)
        #expect(run.duration == seconds(1))
    }

    @Test func callRunsInlineInTheCallersLane() throws {
        let path = packageRoot.appendingPathComponent("Scenarios/say_hello.yaml").path
        let run = try Simulator.run(try ScenarioLoader.load(file: path), as: .concurrent)
        #expect(run.tasks.map(\.name) == ["main"])
        #expect(run.events(of: "main").filter { $0.kind == .print }.map(\.time) == [0, seconds(1), seconds(1), seconds(2)])
    }

    @Test func unawaitedTasksAreCancelledWhenMainReturns() throws {
        let yaml = """
            scenario: fire and forget
            tasks:
              - name: main
                steps:
                  - spawn: background
                  - sleep: 1s
            subtasks:
              - name: background
                steps: [{sleep: 5s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(run.finish(of: "background") == Event(time: seconds(1), task: 1, kind: .finish, detail: .outcome(.cancelled, error: nil)))
        #expect(run.duration == seconds(1))
    }
}
