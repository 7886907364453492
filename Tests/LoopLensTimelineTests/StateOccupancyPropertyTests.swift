import LoopLensTestSupport
import LoopLensTrace
import PropertyBased
import Testing

/// The footer and the ready queue ask ``StateOccupancy`` who runs, is ready and waits at the
/// playhead: for random runs, at every instant where something changes, its answer is what the
/// tasks' whole timelines say, in the order the tasks entered their states.
@Suite struct StateOccupancyPropertyTests {
    /// Small runs, and runs of thousands of events, whose counts come from checkpoints every 1 024.
    @Test(arguments: [5, 300])
    func occupantsAreTheTasksWhoseTimelinesAreInThatStateThen(maxTasks: Int) async {
        await propertyCheck(count: maxTasks > 5 ? 10 : 300, input: Gen.int(in: 0...Int.max)) { seed in
            let run = WindowedTimelinePropertyTests.randomRun(seed: seed, maxTasks: maxTasks)
            let occupancy = StateOccupancy(run)
            let timelines = run.taskTimelines()
            let instants = Set(
                timelines.flatMap { $0.intervals.flatMap { [$0.start, $0.end - 1, $0.end] } } + [0, run.duration, run.duration + 1])
            // Some 200 of them in a large run.
            let sorted = instants.sorted()
            for instant in stride(from: 0, to: sorted.count, by: max(sorted.count / 200, 1)).map({ sorted[$0] }) {
                // At the run's end, a task that never ended is in the state its last event set,
                // which the timeline drops when that event is at the end: see the test below.
                let unchecked = Set(timelines.filter { $0.ending == nil && instant == run.duration }.map(\.task))
                for category in TaskState.Category.allCases {
                    let expected = timelines.compactMap { timeline -> StateOccupancy.Occupant? in
                        guard !unchecked.contains(timeline.task),
                            let interval = timeline.intervals.first(where: { $0.start <= instant && instant < $0.end }),
                            interval.state.category == category
                        else { return nil }
                        return StateOccupancy.Occupant(
                            task: timeline.task, state: interval.state, since: interval.start, what: interval.what)
                    }
                    let all = occupancy.occupants(category, at: instant)
                    let found = all.filter { !unchecked.contains($0.task) }
                    #expect(found == found.sorted { $0.since < $1.since }, "in the order they entered: seed \(seed)")
                    #expect(Set(found) == Set(expected) && found.count == expected.count, "seed \(seed), \(category) at \(instant)")
                    #expect(occupancy.count(category, at: instant) == all.count, "seed \(seed), \(category) at \(instant)")
                    for limit in 0...3 {
                        #expect(occupancy.occupants(category, at: instant, limit: limit) == Array(all.prefix(limit)), "seed \(seed)")
                    }
                }
            }
        }
    }

    @Test func aTaskThatNeverEndedIsInTheStateItsLastEventSetAtTheRunsEnd() {
        let run = LayoutTests.run([
            ("a", nil, [Event(time: 0, task: 0, kind: .spawn), Event(time: 10, task: 0, kind: .resume)]),
            (
                "b", nil,
                [Event(time: 0, task: 1, kind: .spawn), Event(time: 4, task: 1, kind: .suspend, detail: .wait(on: .io, what: "x"))]
            ),
        ])
        let occupancy = StateOccupancy(run)
        #expect(occupancy.occupants(.running, at: 10) == [.init(task: 0, state: .running, since: 10, what: nil)])
        #expect(occupancy.occupants(.waiting, at: 10) == [.init(task: 1, state: .waiting(.io), since: 4, what: "x")])
        #expect(occupancy.occupants(.ready, at: 9) == [.init(task: 0, state: .ready, since: 0, what: nil)])
        #expect(occupancy.count(.waiting, at: 11) == 0, "after the run's end")
        #expect(occupancy.occupants(.running, at: 11).isEmpty, "after the run's end")
    }
}
