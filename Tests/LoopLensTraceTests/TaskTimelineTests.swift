import LoopLensTrace
import Testing

/// Deriving per-task state intervals from events.
@Suite struct TaskTimelineTests {
    @Test func eventsBecomeIntervals() {
        var run = Run(name: "r", scenario: "s")
        run.tasks.add(id: 1, name: "a", parent: nil)
        let events: [Event] = [
            Event(time: 0, task: 0, kind: .spawn),
            Event(time: 2, task: 0, kind: .resume),
            Event(time: 3, task: 0, kind: .suspend, detail: .wait(on: .sleep, what: "1s")),
            Event(time: 10, task: 0, kind: .ready, detail: .wake(by: "timer")),
            Event(time: 12, task: 0, kind: .resume),
            Event(time: 12, task: 0, kind: .print, detail: .text("x")),
            Event(time: 13, task: 0, kind: .block, detail: .wait(on: .io, what: "disk")),
            Event(time: 20, task: 0, kind: .unblock),
            Event(time: 21, task: 0, kind: .finish, detail: .outcome(.ok, error: nil)),
        ]
        for event in events { run.events.append(event) }
        let timeline = run.taskTimelines()[0]
        #expect(timeline.start == 0)
        #expect(timeline.firstResume == 2)
        #expect(timeline.end == 21)
        #expect(timeline.ending == .finished(.ok, error: nil))
        #expect(
            timeline.intervals == [
                StateInterval(start: 0, end: 2, state: .ready),
                StateInterval(start: 2, end: 3, state: .running),
                StateInterval(start: 3, end: 10, state: .waiting(.sleep), what: "1s"),
                StateInterval(start: 10, end: 12, state: .ready),
                StateInterval(start: 12, end: 13, state: .running),
                StateInterval(start: 13, end: 20, state: .blocked(.io), what: "disk"),
                StateInterval(start: 20, end: 21, state: .running),
            ])
        #expect(timeline.time(in: .running) == 3)
        #expect(timeline.time(in: .ready) == 4)
        #expect(timeline.time(in: .waiting) == 14)
        #expect(timeline.waitingTimeByReason == [.sleep: 7, .io: 7])
    }

    @Test func anUnfinishedTaskRunsToTheEndOfTheRun() {
        var run = Run(name: "r", scenario: "s")
        run.tasks.add(id: 1, name: "a", parent: nil)
        run.tasks.add(id: 2, name: "b", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        run.events.append(Event(time: 4, task: 1, kind: .resume))
        run.events.append(Event(time: 9, task: 1, kind: .finish))
        let timeline = run.taskTimelines()[0]
        #expect(timeline.ending == nil)
        #expect(timeline.intervals == [StateInterval(start: 0, end: 9, state: .running)])
    }

    @Test(
        arguments: [
            (0, "0 s", "0s"), (500, "500 ns", "500ns"), (20_000, "20.00 µs", "20µs"), (1_500_000, "1.50 ms", "1.5ms"),
            (2_000_000_000, "2.00 s", "2s"), (1_234_567_890, "1.23 s", "1.23456789s"), (45_000_000_000, "45.00 s", "45s"),
        ] as [(Nanoseconds, String, String)])
    func durationsFormat(value: Nanoseconds, summary: String, compact: String) {
        #expect(value.formatted(.summary) == summary)
        #expect(value.formatted(.compact) == compact)
    }
}
