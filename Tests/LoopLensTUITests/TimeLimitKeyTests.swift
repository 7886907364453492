import LoopLensTrace
import LoopLensTUI
import Testing

/// Keys on a trace that lasts the longest time LoopLens reads.
@Suite struct TimeLimitKeyTests {
    @Test func everyMovingKeyStaysInRangeAtTheLimit() {
        var run = Run(name: "real", scenario: "a century", clock: "monotonic")
        run.tasks.add(id: 1, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        run.events.append(Event(time: TimeLimit.nanoseconds, task: 0, kind: .finish))
        var state = TUIState(trace: Trace(runs: [run]), width: 100, height: 30)
        let keys: [Key] = [
            .character("-"), .character("-"), .character("G"), .character("L"), .right, .character("+"), .character("0"),
            .character("-"), .character("H"), .character("g"), .left, .character("]"), .character(" "),
        ]
        for key in keys {
            state.handle(key)
            state.advance(byRealNanoseconds: 10_000_000_000)
            #expect(state.window.lowerBound >= 0 && state.window.upperBound - state.window.lowerBound <= TimeLimit.nanoseconds * 2)
            #expect((0...TimeLimit.nanoseconds).contains(state.playhead))
            _ = ScreenBuilder.screen(for: state)
        }
    }
}
