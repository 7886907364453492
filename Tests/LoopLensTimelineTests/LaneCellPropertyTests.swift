import LoopLensTestSupport
import LoopLensTimeline
import LoopLensTrace
import PropertyBased
import Testing

/// For random traces: every instant's state is represented in the cell that covers it.
@Suite struct LaneCellPropertyTests {
    /// A random run from a seed: each task alternates random states for random durations (1 ns to 1 s).
    static func randomRun(seed: Int) -> Run {
        var generator = SplitMix(seed: seed)
        var tasks: [(String, Int?, [Event])] = []
        for index in 0..<Int(1 + generator.next() % 6) {
            var time = Nanoseconds(generator.next() % 2_000_000_000)
            var events = [Event(time: time, task: index, kind: .spawn)]
            for _ in 0..<Int(generator.next() % 12) {
                time += Nanoseconds(1 + generator.next() % (generator.next() % 2 == 0 ? 1_000 : 1_000_000_000))
                let kinds: [(EventKind, EventDetail?)] = [
                    (.resume, nil), (.suspend, .wait(on: .io, what: "x")), (.ready, nil), (.block, .wait(on: .lock, what: "l")),
                ]
                let (kind, detail) = kinds[Int(generator.next() % 4)]
                events.append(Event(time: time, task: index, kind: kind, detail: detail))
            }
            time += Nanoseconds(1 + generator.next() % 1_000_000)
            events.append(Event(time: time, task: index, kind: .finish))
            tasks.append(("t\(index)", index == 0 ? nil : 0, events))
        }
        return LayoutTests.run(tasks)
    }

    @Test func everyInstantIsFoundInItsCellAndNothingIsDrawnOutsideTheTasksLife() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max), Gen.int(in: 40...160)) { seed, width in
            let run = Self.randomRun(seed: seed)
            let grid = TimelineLayout.grid(for: Trace(runs: [run]), in: Viewport(width: width))
            let scale = grid.scale
            for timeline in run.taskTimelines() {
                let cells = LayoutTests.lane(grid, task: timeline.task)
                for interval in timeline.intervals {
                    for instant in [interval.start, interval.end - 1, (interval.start + interval.end) / 2] {
                        let cell = cells[scale.column(of: instant)]
                        let shown = category(of: cell.style)
                        #expect(shown != nil, "a cell inside the task's life is drawn (seed \(seed))")
                        if let shown { #expect(shown >= interval.state.category, "seed \(seed) width \(width)") }
                    }
                }
                for column in cells.indices where cells[column].style != .plain {
                    let sliceStart = scale.time(atColumn: column)
                    let sliceEnd = scale.time(atColumn: column + 1)
                    #expect(sliceEnd > timeline.start && sliceStart <= timeline.end, "drawn outside [spawn, finish] (seed \(seed))")
                    if let shown = category(of: cells[column].style) {
                        let present = timeline.intervals.contains {
                            $0.start < sliceEnd && $0.end > sliceStart && $0.state.category == shown
                        }
                        #expect(present, "the shown state occurs in the cell's slice (seed \(seed))")
                    }
                }
            }
        }
    }

    func category(of style: CellStyle) -> TaskState.Category? {
        switch style {
        case .running, .runningAndReady: .running
        case .ready: .ready
        case .waiting: .waiting
        default: nil
        }
    }
}
