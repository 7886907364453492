import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// The order asyncio's callbacks give, worked out hop by hop (the fidelity suite checks the same
/// rules against CPython itself).
@Suite struct EventLoopOrderTests {
    private func prints(_ run: Run) -> [String] {
        run.events.compactMap { if case .text(let text)? = $0.detail { text } else { nil } }
    }

    @Test func sleepZeroLetsADueTimerThroughOnlyWhenTheSplitWorkEnds() throws {
        let yaml = """
            scenario: sleep0
            tasks:
              - name: ticker
                steps: [{sleep: 500ms}, {print: tick}]
              - name: compress
                steps: [{cpu: 1s}, {sleep: 0}, {cpu: 1s}, {sleep: 0}, {cpu: 1s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        // Each sleep(0) requeues compress's step ahead of the timer's callback, which then runs
        // after that step; the ticker's wake-up is one more hop: it resumes at 3 s, not 1 s.
        let ticker = run.events(of: "ticker")
        #expect(ticker.first { $0.kind == .ready }?.time == seconds(0.5))
        #expect(ticker.last { $0.kind == .resume }?.time == seconds(3))
        #expect(
            run.timeline(of: "ticker")?.intervals.first { $0.state == .ready }
                == StateInterval(start: seconds(0.5), end: seconds(3), state: .ready))
    }

    @Test func aReleasedSemaphoreSlotGoesToTheFirstWaiterOneIterationLater() throws {
        let yaml = """
            scenario: waves
            semaphores: {pool: 2}
            tasks:
              - name: d{i}
                count: 4
                steps:
                  - semaphore: pool
                    steps: [{print: "got {i}"}, {io: 1s}, {print: "done {i}"}]
            """
        #expect(
            prints(try simulate(yaml, as: .concurrent)) == ["got 1", "got 2", "done 1", "done 2", "got 3", "got 4", "done 3", "done 4"])
    }

    @Test func aWorkerThreadsResultIsQueuedBeforeATimerThatExpiredEarlier() throws {
        let yaml = """
            scenario: threadsafe
            tasks:
              - name: sleeper
                steps: [{sleep: 300ms}, {print: slept}]
              - name: caller
                steps: [{to_thread: 500ms}, {print: returned}]
              - name: hog
                steps: [{cpu: 1s}]
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(prints(run) == ["returned", "slept"])
        // Both waits ended while hog held the loop: each is ready from its own end.
        #expect(run.events(of: "caller").first { $0.kind == .ready }?.time == seconds(0.5))
        #expect(run.events(of: "sleeper").first { $0.kind == .ready }?.time == seconds(0.3))
    }

    @Test func sequentialSpawnRunsTheTaskThereAndThen() throws {
        let yaml = """
            scenario: spawn then await
            tasks:
              - name: main
                steps: [{spawn: bg}, {io: 1s}, {await: bg}, {print: done}]
            subtasks:
              - name: bg
                steps: [{io: 3s}]
            """
        let sequential = try simulate(yaml, as: .sequential)
        #expect(sequential.duration == seconds(4))
        #expect(!sequential.events.contains { $0.kind == .deadlock })
        #expect(try simulate(yaml, as: .concurrent).duration == seconds(3))
    }

    @Test func aTimeoutCannotCutCodeThatDoesNotAwait() throws {
        let yaml = """
            scenario: timeout cpu
            tasks:
              - name: main
                steps:
                  - timeout: 500ms
                    steps: [{cpu: 1s}]
                  - sleep: 1s
                  - print: not cancelled
            """
        let run = try simulate(yaml, as: .concurrent)
        #expect(prints(run) == ["not cancelled"])
        #expect(run.finish(of: "main")?.detail == .outcome(.ok, error: nil))
        #expect(run.duration == seconds(2))
    }

    @Test func aQueueWakeUpPromisesNoItem() throws {
        let yaml = """
            scenario: stolen
            queues: {jobs: 0}
            tasks:
              - name: consumer
                steps: [{get: jobs}, {print: got}]
              - name: producer
                steps: [{sleep: 1s}, {put: jobs}, {get: jobs}, {sleep: 1s}, {put: jobs}]
            """
        let run = try simulate(yaml, as: .concurrent)
        let consumer = run.events(of: "consumer").map(\.kind)
        // Woken at 1 s, it finds the queue empty and waits again until 2 s.
        #expect(consumer == [.spawn, .resume, .suspend, .ready, .resume, .suspend, .ready, .resume, .print, .finish])
        #expect(run.events(of: "consumer").first { $0.kind == .print }?.time == seconds(2))
    }
}
