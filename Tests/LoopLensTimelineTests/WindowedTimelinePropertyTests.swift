import LoopLensTestSupport
import LoopLensTimeline
import LoopLensTrace
import PropertyBased
import Testing

/// A lane is drawn from the states its task's events give within the window, found by binary search
/// in a ``TaskEventIndex``: for random runs and windows, those states are, instant by instant, the
/// states of the task's whole timeline, and its start, end, first resume and ending are the same.
@Suite struct WindowedTimelinePropertyTests {
    /// A random run of up to `maxTasks` tasks: tasks alternate random states, print now and then,
    /// and finish (ok, with an error), deadlock, or never end.
    static func randomRun(seed: Int, maxTasks: Int = 5) -> Run {
        var generator = SplitMix(seed: seed)
        var tasks: [(String, Int?, [Event])] = []
        for index in 0..<Int(1 + generator.next() % UInt64(maxTasks)) {
            var time = Nanoseconds(generator.next() % 1_000)
            var events = [Event(time: time, task: index, kind: .spawn)]
            let kinds: [(EventKind, EventDetail?)] = [
                (.resume, nil), (.suspend, .wait(on: .io, what: "x")), (.suspend, .wait(on: .io, what: "y")), (.ready, nil),
                (.block, .wait(on: .lock, what: "l")), (.unblock, nil), (.print, .text("p")),
                // Taking and giving back a lock changes no state, like a print.
                (.acquire, .wait(on: .lock, what: "l")), (.release, .wait(on: .lock, what: "l")),
            ]
            for _ in 0..<Int(generator.next() % 40) {
                time += Nanoseconds(generator.next() % 3 == 0 ? 0 : 1 + generator.next() % 100)
                let (kind, detail) = kinds[Int(generator.next() % UInt64(kinds.count))]
                events.append(Event(time: time, task: index, kind: kind, detail: detail))
            }
            time += Nanoseconds(generator.next() % 100)
            switch generator.next() % 4 {
            case 0: events.append(Event(time: time, task: index, kind: .finish, detail: .outcome(.error, error: "e")))
            case 1: events.append(Event(time: time, task: index, kind: .deadlock, detail: .wait(on: .lock, what: "d")))
            case 2: break
            default: events.append(Event(time: time, task: index, kind: .finish))
            }
            tasks.append(("t\(index)", index == 0 ? nil : 0, events))
        }
        return LayoutTests.run(tasks)
    }

    /// The state (and what it waits on) at `instant`, or `nil` outside the intervals.
    static func state(of timeline: TaskTimeline, at instant: Nanoseconds) -> (TaskState, String?)? {
        timeline.intervals.first { $0.start <= instant && instant < $0.end }.map { ($0.state, $0.what) }
    }

    @Test func windowedTimelinesAgreeWithWholeOnesInsideTheWindow() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let run = Self.randomRun(seed: seed)
            let index = TaskEventIndex(run)
            var generator = SplitMix(seed: seed)
            let whole = run.taskTimelines()
            for task in run.tasks.indices {
                let full = run.taskTimeline(of: task, events: index.positions(of: task))
                #expect(full == whole[task], "seed \(seed)")
                for _ in 0..<8 {
                    let from = Nanoseconds(generator.next() % UInt64(run.duration + 2))
                    let to = from + Nanoseconds(generator.next() % 300)
                    let windowed = run.taskTimeline(of: task, events: index.positions(of: task), overlapping: from...to)
                    #expect(windowed.start == full.start && windowed.end == full.end, "seed \(seed)")
                    #expect(windowed.firstResume == full.firstResume && windowed.ending == full.ending, "seed \(seed)")
                    let instants = [from, to] + full.intervals.flatMap { [$0.start, $0.end - 1] }.filter { (from...to).contains($0) }
                    for instant in instants {
                        let expected = Self.state(of: full, at: instant)
                        let found = Self.state(of: windowed, at: instant)
                        #expect(expected?.0 == found?.0 && expected?.1 == found?.1, "seed \(seed), task \(task), at \(instant)")
                    }
                }
            }
        }
    }

    @Test func aSelectionIndexesOnlyItsTasks() {
        let run = Self.randomRun(seed: 7)
        let all = TaskEventIndex(run)
        let some = TaskEventIndex(run, tasks: [run.tasks.count - 1])
        #expect(some.positions(of: run.tasks.count - 1) == all.positions(of: run.tasks.count - 1))
        #expect(some.positions(of: 0).isEmpty == (run.tasks.count > 1))
        #expect(all.tasks.reduce(0) { $0 + all.positions(of: $1).count } == run.events.count)
    }
}
