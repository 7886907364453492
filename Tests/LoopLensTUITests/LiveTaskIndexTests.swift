import LoopLensTestSupport
import LoopLensTimeline
import LoopLensTrace
import Testing

@testable import LoopLensTUI

/// The footer asks who is alive at the playhead: long lives are kept once, short ones in time
/// buckets, and the answer holds every task alive then, once each, in task order.
@Suite struct LiveTaskIndexTests {
    @Test func everyTaskAliveAtAnInstantIsListedOnceInTaskOrder() {
        var generator = SplitMix(seed: 42)
        var run = Run(name: "concurrent", scenario: "lives")
        var lives: [(start: Nanoseconds, end: Nanoseconds)] = []
        var events: [Event] = []
        for task in 0..<300 {
            // A third live from near the start to near the end; the rest briefly.
            let start = Nanoseconds(generator.next() % 1_000_000)
            let end = task % 3 == 0 ? 9_000_000 + start : start + Nanoseconds(generator.next() % 20_000)
            run.tasks.add(id: task, name: "t\(task)", parent: nil)
            lives.append((start, end))
            events += [
                Event(time: start, task: task, kind: .spawn), Event(time: start, task: task, kind: .resume),
                Event(time: end, task: task, kind: .finish),
            ]
        }
        for event in events.sorted(by: { $0.time < $1.time }) { run.events.append(event) }
        let index = LiveTaskIndex(PreparedTrace(Trace(runs: [run])).runs[0])
        for _ in 0..<500 {
            let time = Nanoseconds(generator.next() % UInt64(run.duration + 1))
            let alive = index.tasksAlive(at: time)
            #expect(alive == alive.sorted() && Set(alive).count == alive.count, "at \(time)")
            let expected = lives.indices.filter { lives[$0].start <= time && time <= lives[$0].end }
            #expect(Set(expected).isSubset(of: alive), "at \(time)")
        }
    }
}
