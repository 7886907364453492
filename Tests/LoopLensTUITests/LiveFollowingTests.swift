import LoopLensTrace
import LoopLensTUI
import Testing

/// The TUI following a trace that grows: what the keys do while *now* moves on.
@Suite struct LiveFollowingTests {
    /// A live run at `now` seconds: `main` from 0, and a `worker` spawned at 1 s once `now` passes 1 s.
    func trace(now: Double) -> Trace {
        var run = Run(name: "real", scenario: "server.py", clock: "monotonic")
        run.origin = 0
        run.recordedUntil = seconds(now)
        run.tasks.add(id: 1, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        run.events.append(Event(time: seconds(0.5), task: 0, kind: .suspend, detail: .wait(on: .task, what: "worker")))
        if now > 1 {
            run.tasks.add(id: 2, name: "worker", parent: 0)
            run.events.append(Event(time: seconds(1), task: 1, kind: .spawn))
            run.events.append(Event(time: seconds(1), task: 1, kind: .resume))
        }
        return Trace(runs: [run])
    }

    func following(now: Double) -> TUIState {
        var state = TUIState(trace: trace(now: now), width: 100, height: 30)
        state.startFollowing(status: "live")
        return state
    }

    @Test func theViewShowsEverythingUpToNowAsItGrows() {
        var state = following(now: 0.8)
        #expect(state.playhead == seconds(0.8) && state.window == 0...seconds(0.8))
        state.update(trace(now: 2))
        #expect(state.playhead == seconds(2) && state.window == 0...seconds(2))
        #expect(state.prepared.runs[0].lanes.count == 2, "the new task has its lane")
    }

    @Test func zoomingKeepsTheSpanWithNowAtTheRightEdge() {
        var state = following(now: 2)
        state.handle(.character("+"))
        #expect(state.window == seconds(1)...seconds(2))
        state.update(trace(now: 3.5))
        #expect(state.window == seconds(2.5)...seconds(3.5))
        #expect(state.playhead == seconds(3.5))
        state.handle(.character("0"))
        state.update(trace(now: 4))
        #expect(state.window == 0...seconds(4))
    }

    @Test func movingThePlayheadPausesAndGResumes() {
        var state = following(now: 2)
        state.handle(.character("["))
        #expect(state.playhead == seconds(1))
        #expect(state.live?.followsNow == false)
        state.update(trace(now: 3))
        #expect(state.playhead == seconds(1) && state.window == 0...seconds(2), "a paused view stays where it is")
        state.handle(.character("G"))
        #expect(state.live?.followsNow == true)
        #expect(state.playhead == seconds(3) && state.window == 0...seconds(3))
        state.handle(.character(" "))
        #expect(state.live?.followsNow == false && !state.isPlaying, "Space pauses following; it does not play")
        state.update(trace(now: 4))
        #expect(state.playhead == seconds(3))
        state.handle(.character(" "))
        #expect(state.playhead == seconds(4))
    }

    @Test func theSelectionStaysOnItsTaskWhenLanesAppear() {
        var state = following(now: 0.8)
        #expect(state.selectedTask == 0)
        state.update(trace(now: 2))
        state.handle(.down)
        #expect(state.selectedTask == 1)
        state.update(trace(now: 3))
        #expect(state.selectedTask == 1)
    }

    @Test func theFooterSaysWhatUnfinishedTasksAreDoingNow() {
        let state = following(now: 2)
        let screen = ScreenBuilder.screen(for: state).text
        #expect(screen.contains("real @ 2.00 s  ·  running: worker  ·  waiting 1: main (task worker)"))
        #expect(screen.contains("live"))
        #expect(screen.contains("Space pause"))
    }
}
