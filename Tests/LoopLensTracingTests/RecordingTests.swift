import LoopLensTrace
import Testing

@testable import LoopLensTracing

/// How raw executor observations become trace events, on hand-made recordings with exact times.
@Suite struct RecordingTests {
    @Test func aParentWaitingForItsChildIsShownWaitingOnIt() {
        var recording = Recording()
        let main = recording.enqueued(runtimeID: 7, at: 100, by: -1)
        recording.resumed(main, at: 110)
        recording.name(main, "main")
        let child = recording.enqueued(runtimeID: 8, at: 120, by: main)
        recording.sliceEnded(main, at: 130)
        recording.resumed(child, at: 140)
        recording.mark(child, "hello", at: 142)
        #expect(recording.enqueued(runtimeID: 7, at: 145, by: child) == main)
        recording.sliceEnded(child, at: 150)
        recording.resumed(main, at: 160)
        recording.sliceEnded(main, at: 170)

        let run = recording.run(name: "real", scenario: "test")
        #expect(run.tasks.map(\.name) == ["main", "task 1"])
        #expect(run.tasks.map(\.parent) == [nil, 0])
        #expect(
            Array(run.events) == [
                Event(time: 0, task: 0, kind: .spawn),
                Event(time: 10, task: 0, kind: .resume),
                Event(time: 20, task: 1, kind: .spawn),
                Event(time: 30, task: 0, kind: .suspend, detail: .wait(on: .task, what: "task 1")),
                Event(time: 40, task: 1, kind: .resume),
                Event(time: 42, task: 1, kind: .print, detail: .text("hello")),
                Event(time: 45, task: 0, kind: .ready, detail: .wake(by: "task 1")),
                Event(time: 50, task: 1, kind: .finish, detail: .outcome(.ok, error: nil)),
                Event(time: 60, task: 0, kind: .resume),
                Event(time: 70, task: 0, kind: .finish, detail: .outcome(.ok, error: nil)),
            ])
    }

    @Test func aReadyNotedWhileTheTaskStillRanTakesEffectWhenItsJobReturns() {
        var recording = Recording()
        let task = recording.enqueued(runtimeID: 3, at: 0, by: -1)
        recording.resumed(task, at: 10)
        recording.announceWait(of: task, on: .io, what: "GET /")
        _ = recording.enqueued(runtimeID: 3, at: 15, by: -1)
        recording.sliceEnded(task, at: 20)
        recording.resumed(task, at: 30)
        recording.announceOutcome(of: task, .outcome(.error, error: "boom"))
        recording.sliceEnded(task, at: 40)

        let events = Array(recording.run(name: "real", scenario: "test").events)
        #expect(
            events == [
                Event(time: 0, task: 0, kind: .spawn),
                Event(time: 10, task: 0, kind: .resume),
                Event(time: 20, task: 0, kind: .suspend, detail: .wait(on: .io, what: "GET /")),
                Event(time: 20, task: 0, kind: .ready),
                Event(time: 30, task: 0, kind: .resume),
                Event(time: 40, task: 0, kind: .finish, detail: .outcome(.error, error: "boom")),
            ])
    }

    @Test func aReturnNotedAfterTheNextResumeEndsItsOwnJob() {
        // On a pool: worker A runs the task's first job; it is enqueued again and worker B
        // resumes it (at 18) before A notes that the first job returned (at 20).
        var recording = Recording()
        let task = recording.enqueued(runtimeID: 5, at: 0, by: -1)
        recording.resumed(task, at: 10)
        _ = recording.enqueued(runtimeID: 5, at: 15, by: -1)
        recording.resumed(task, at: 18)
        recording.sliceEnded(task, at: 20)
        recording.sliceEnded(task, at: 25)

        let events = Array(recording.run(name: "real", scenario: "test").events)
        #expect(
            events == [
                Event(time: 0, task: 0, kind: .spawn),
                Event(time: 10, task: 0, kind: .resume),
                Event(time: 18, task: 0, kind: .suspend, detail: .wait(on: .other, what: "")),
                Event(time: 18, task: 0, kind: .ready),
                Event(time: 18, task: 0, kind: .resume),
                Event(time: 25, task: 0, kind: .finish, detail: .outcome(.ok, error: nil)),
            ])
    }

    @Test func aTaskStillRunningOrReadyWhenRecordingStopsDoesNotFinish() {
        var recording = Recording()
        let running = recording.enqueued(runtimeID: 1, at: 0, by: -1)
        recording.resumed(running, at: 5)
        let ready = recording.enqueued(runtimeID: 2, at: 6, by: running)
        recording.resumed(ready, at: 7)
        recording.sliceEnded(ready, at: 8)
        _ = recording.enqueued(runtimeID: 2, at: 9, by: -1)

        let events = Array(recording.run(name: "real", scenario: "test").events)
        #expect(events.filter { $0.task == 0 }.map(\.kind) == [.spawn, .resume])
        #expect(events.filter { $0.task == 1 }.map(\.kind) == [.spawn, .resume, .suspend, .ready])
    }

    @Test func aLaneForBlockingWorkIsAChildOfTheCallingTask() {
        var recording = Recording()
        let task = recording.enqueued(runtimeID: 1, at: 0, by: -1)
        recording.resumed(task, at: 1)
        let lane = recording.addLane(named: "main:thread", parent: task, at: 2)
        recording.announceWait(of: task, on: .thread, what: "main:thread")
        recording.sliceEnded(task, at: 3)
        recording.resumed(lane, at: 4)
        recording.sliceEnded(lane, at: 9)

        let run = recording.run(name: "real", scenario: "test")
        #expect(run.tasks[1].name == "main:thread")
        #expect(run.tasks[1].parent == 0)
        #expect(
            run.events.filter { $0.task == 1 } == [
                Event(time: 2, task: 1, kind: .spawn),
                Event(time: 4, task: 1, kind: .resume),
                Event(time: 9, task: 1, kind: .finish, detail: .outcome(.ok, error: nil)),
            ])
    }
}
