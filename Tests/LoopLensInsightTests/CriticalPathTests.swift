import LoopLensInsight
import LoopLensTrace
import Testing

/// The chain that decided each run's total time, walked back from its end: hand-checked on the
/// shipped scenarios.
@Suite struct CriticalPathTests {
    func path(of scenario: String, run name: String = "concurrent") throws -> (CriticalPath, Run) {
        let run = try #require(try trace(of: scenario).runs.first { $0.name == name })
        return (CriticalPath(of: run), run)
    }

    /// The stretches that take time, as (task name, state, what, start, end).
    func timed(_ path: CriticalPath, _ run: Run) -> [String] {
        path.segments.filter { $0.duration > 0 }.map {
            "\(run.tasks[$0.task].name) \($0.state) \($0.what ?? "") \($0.start.formatted(.summary))–\($0.end.formatted(.summary))"
        }
    }

    /// Stretches follow each other with no gap from the run's start to its end.
    func expectTiling(_ path: CriticalPath, _ run: Run) {
        #expect(path.segments.first?.start == 0 && path.segments.last?.end == run.duration)
        for (earlier, later) in zip(path.segments, path.segments.dropFirst()) { #expect(earlier.end == later.start) }
    }

    @Test func downloadsIsMainThenTheLastPagesWaitThenMain() throws {
        let (path, run) = try path(of: "downloads")
        expectTiling(path, run)
        #expect(run.tasks[path.segments.first!.task].name == "main" && run.tasks[path.segments.last!.task].name == "main")
        #expect(timed(path, run) == ["page3 waiting(LoopLensTrace.WaitReason.io) GET /page3 0 s–2.00 s"])
        #expect(
            path.lines(for: run) == [
                "critical path of concurrent (2.00 s):",
                "  main   runs                       0 s    0%",
                "  page3  waits on io GET /page3  2.00 s  100%",
                "  main   runs                       0 s    0%",
            ])
    }

    /// Each worker fetches at once, then writes under the lock: the path is worker1's fetch and
    /// write, then each lock hand-off to the next writer.
    @Test func lockContentionIsTheChainOfLockHandOffs() throws {
        let (path, run) = try path(of: "lock_contention")
        expectTiling(path, run)
        let timed = path.segments.filter { $0.duration > 0 }
        #expect(timed.map { run.tasks[$0.task].name } == ["worker1", "worker1", "worker2", "worker3"])
        #expect(timed.map(\.what) == ["fetch 1", "write 1", "write 2", "write 3"])
        #expect(timed.map(\.start) == [0, 1, 2, 3].map { $0 * .perSecond })
        #expect(timed.allSatisfy { $0.duration == .perSecond })
    }

    /// Ticker's first timer is due at 0.5 s, but compress holds the loop until 3 s: 2.5 s of the
    /// 4 s are ticker waiting for the loop.
    @Test func blockingTheLoopPutsTheWaitForTheLoopOnThePath() throws {
        let (path, run) = try path(of: "blocking_the_loop")
        expectTiling(path, run)
        let ready = try #require(path.segments.first { $0.state == .ready && $0.duration > 0 })
        #expect(run.tasks[ready.task].name == "ticker" && ready.start == 500_000_000 && ready.end == 3 * .perSecond)
        #expect(path.lines(for: run)[3] == "  ticker  waits to run             2.50 s  63%")
    }

    @Test func aLongPathListsItsLongestStretchesAndCountsTheRest() throws {
        let (path, run) = try path(of: "scraper", run: "threads")
        expectTiling(path, run)
        let lines = path.lines(for: run, ascii: true)
        #expect(lines.count <= CriticalPath.longestListing + 2)
        #expect(lines.allSatisfy { $0.utf8.allSatisfy { (0x20...0x7E).contains($0) } })
    }

    /// Taking and giving back a lock while running, as a real program does it, is no step on the
    /// path: the running around it stays one stretch.
    @Test func anAcquisitionWithinARunningStretchKeepsItWhole() {
        let built = run([
            (
                "main", nil,
                [
                    Event(time: 0, task: 0, kind: .spawn), Event(time: 0, task: 0, kind: .resume),
                    Event(time: 5, task: 0, kind: .acquire, detail: .wait(on: .lock, what: "db")),
                    Event(time: 10, task: 0, kind: .suspend, detail: .wait(on: .io, what: "x")), Event(time: 20, task: 0, kind: .ready),
                    Event(time: 20, task: 0, kind: .resume), Event(time: 25, task: 0, kind: .release, detail: .wait(on: .lock, what: "db")),
                    Event(time: 30, task: 0, kind: .finish),
                ]
            )
        ])
        let path = CriticalPath(of: built)
        expectTiling(path, built)
        #expect(path.segments.filter { $0.duration > 0 }.map { [$0.start, $0.end] } == [[0, 10], [10, 20], [20, 30]])
    }
}
