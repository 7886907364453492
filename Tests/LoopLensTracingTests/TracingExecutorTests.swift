import Foundation
import LoopLensTrace
import LoopLensTracing
import Synchronization
import Testing

/// Real Swift concurrency, traced. Assertions are on the order of events, never on how long
/// anything took.
@Suite struct TracingExecutorTests {
    @Test func aTaskGroupOfThreeSleepsGivesThreeNamedLanesWhoseWaitsOverlap() async throws {
        let (_, run) = await LoopLensTracer.run {
            await withTaskGroup(of: Void.self) { group in
                for page in ["page1", "page2", "page3"] {
                    group.addTask(name: page) {
                        LoopLensTracer.willWait(on: .sleep, "200ms")
                        try? await Task.sleep(for: .milliseconds(200))
                    }
                }
            }
        }
        #expect(run.tasks.map(\.name) == ["main", "page1", "page2", "page3"])
        #expect(run.tasks.map(\.parent) == [nil, 0, 0, 0])
        #expect(run.clock == "monotonic")

        let events = Array(run.events)
        let waitStarts = (1...3).map { task in
            events.firstIndex { $0.task == task && $0.kind == .suspend && $0.detail == .wait(on: .sleep, what: "200ms") }
        }
        let waitEnds = (1...3).map { task in events.firstIndex { $0.task == task && $0.kind == .ready } }
        #expect(!waitStarts.contains(nil) && !waitEnds.contains(nil))
        #expect(waitStarts.compactMap { $0 }.max()! < waitEnds.compactMap { $0 }.min()!)
        for task in 1...3 {
            #expect(events.last { $0.task == task }?.kind == .finish)
        }
        // main waited for its children, and a child woke it.
        #expect(events.first { $0.task == 0 && $0.kind == .suspend }?.detail?.waitReason == .task)
        let wakers = ["page1", "page2", "page3"].map { EventDetail.wake(by: "task \($0)") }
        #expect(events.contains { $0.task == 0 && $0.kind == .ready && wakers.contains($0.detail!) })
    }

    @Test func tasksThatNeverCallTheTracerStillGetLanesAndOverlap() async throws {
        let (_, run) = await LoopLensTracer.run {
            await withTaskGroup(of: Void.self) { group in
                for _ in 1...3 {
                    group.addTask { try? await Task.sleep(for: .milliseconds(200)) }
                }
            }
        }
        #expect(run.tasks.map(\.name) == ["main", "task 1", "task 2", "task 3"])
        let events = Array(run.events)
        let lastSuspend = events.lastIndex { $0.task != 0 && $0.kind == .suspend }!
        let firstReady = events.firstIndex { $0.task != 0 && $0.kind == .ready }!
        #expect(lastSuspend < firstReady)
        #expect(events.first { $0.task == 1 && $0.kind == .suspend }?.detail == .wait(on: .other, what: ""))
    }

    @Test func aCPUBoundLoopRunsAndHoldsTheSerialExecutor() async throws {
        let timerFired = Flag()
        let (_, run) = await LoopLensTracer.run {
            await withTaskGroup(of: Void.self) { group in
                group.addTask(name: "sleeper") {
                    LoopLensTracer.willWait(on: .sleep, "timer")
                    await withCheckedContinuation { continuation in
                        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(1)) {
                            continuation.resume()  // enqueues the sleeper: it is ready from here
                            timerFired.raise()
                        }
                    }
                }
                group.addTask(name: "busy") {
                    LoopLensTracer.showName()
                    while !timerFired.isRaised {}
                }
            }
        }
        let events = Array(run.events)
        let sleeper = 1
        let busy = 2
        #expect(run.tasks[busy].name == "busy")
        let busyResume = events.firstIndex { $0.task == busy && $0.kind == .resume }!
        let busyFinish = events.firstIndex { $0.task == busy && $0.kind == .finish }!
        #expect(!events[(busyResume + 1)..<busyFinish].contains { $0.task == busy })
        let sleeperReady = events.firstIndex { $0.task == sleeper && $0.kind == .ready }!
        let sleeperResumes = events.indices.filter { events[$0].task == sleeper && events[$0].kind == .resume }
        #expect(busyResume < sleeperReady && sleeperReady < busyFinish)
        #expect(sleeperResumes.count == 2 && sleeperResumes[1] > busyFinish)

        let timeline = run.taskTimelines()[busy]
        #expect(timeline.intervals.filter { $0.state == .running }.count == 1)
        let sleeperTimeline = run.taskTimelines()[sleeper]
        #expect(sleeperTimeline.time(in: .ready) > 0)
    }

    @Test func aPoolRunsTasksInParallel() async throws {
        let arrived = Counter()
        let (_, run) = await LoopLensTracer.run(threads: .pooled(2)) {
            await withTaskGroup(of: Void.self) { group in
                for name in ["left", "right"] {
                    group.addTask(name: name) {
                        LoopLensTracer.showName()
                        // Each waits, running, until both are running at once.
                        arrived.increment()
                        while arrived.value < 2 {}
                    }
                }
            }
        }
        let events = Array(run.events)
        let resumes = [1, 2].map { task in events.firstIndex { $0.task == task && $0.kind == .resume }! }
        let finishes = [1, 2].map { task in events.firstIndex { $0.task == task && $0.kind == .finish }! }
        #expect(resumes.max()! < finishes.min()!)
    }

    @Test func aBlockingCallOnThePoolIsALaneOfItsOwn() async throws {
        let pool = BlockingPool(threads: 1)
        let (result, run) = await LoopLensTracer.run {
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask(name: "legacy") {
                    // The call outlasts the few microseconds the task needs to suspend.
                    try await pool.run {
                        usleep(50_000)
                        return 42
                    }
                }
                return try await group.next()!
            }
        }
        #expect(try result.get() == 42)
        #expect(run.tasks.map(\.name) == ["main", "legacy", "legacy:thread"])
        #expect(run.tasks[2].parent == 1)
        let events = Array(run.events)
        #expect(events.contains { $0.task == 1 && $0.kind == .suspend && $0.detail == .wait(on: .thread, what: "legacy:thread") })
        #expect(events.filter { $0.task == 2 }.map(\.kind) == [.spawn, .resume, .finish])
    }

    @Test func aThrowingBodyFinishesMainWithItsError() async throws {
        struct Boom: Error, CustomStringConvertible {
            var description: String { "boom" }
        }
        let (result, run) = await LoopLensTracer.run { () async throws -> Int in
            LoopLensTracer.mark("about to fail")
            throw Boom()
        }
        #expect(throws: Boom.self) { try result.get() }
        let events = Array(run.events)
        #expect(events.map(\.kind) == [.spawn, .resume, .print, .finish])
        #expect(events[2].detail == .text("about to fail"))
        #expect(events[3].detail == .outcome(.error, error: "boom"))
    }

    @Test func recordWritesATraceThatReadsBackWithoutProblems() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let value = try await LoopLensTracer.record(to: path, title: "Three sleeps") {
            await withTaskGroup(of: Int.self) { group in
                for index in 1...3 {
                    group.addTask(name: "sleep\(index)") {
                        LoopLensTracer.willWait(on: .sleep, "10ms")
                        try? await Task.sleep(for: .milliseconds(10))
                        return index
                    }
                }
                return await group.reduce(0, +)
            }
        }
        #expect(value == 6)
        let read = try TraceReader.read(file: path)
        #expect(read.problems.isEmpty)
        #expect(read.warnings.isEmpty)
        #expect(read.trace.runs.map(\.name) == ["real"])
        #expect(read.trace.runs[0].scenario == "Three sleeps")
        #expect(read.trace.runs[0].tasks.map(\.name) == ["main", "sleep1", "sleep2", "sleep3"])
    }
}

/// A flag one thread raises and another spins on.
final class Flag: Sendable {
    private let raised = Atomic(false)
    var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
    func raise() { raised.store(true, ordering: .sequentiallyConsistent) }
}

/// A counter threads increment and spin on.
final class Counter: Sendable {
    private let count = Atomic(0)
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
}

extension EventDetail {
    var waitReason: WaitReason? {
        if case .wait(let reason, _) = self { reason } else { nil }
    }
}

/// `record` called from the main actor (as from an `async` `main`) still runs its body on the
/// tracer, not on the main actor.
@MainActor @Test func aBodyWrittenOnTheMainActorRunsOnTheTracer() async throws {
    let (result, run) = await LoopLensTracer.run {
        TracingExecutor.current != nil
    }
    #expect(try result.get())
    #expect(run.tasks.map(\.name) == ["main"])
}
