import Foundation
import LoopLensTestSupport
import LoopLensSimulation
import LoopLensTimeline
import LoopLensTrace
import LoopLensTUI
import Testing

/// The built-in downloads scenario in a 100×30 terminal.
func downloadsState(width: Int = 100, height: Int = 30) throws -> TUIState {
    let scenario = try ScenarioLoader.parse(BuiltInScenarios.downloads, file: "downloads.yaml")
    return TUIState(trace: try Simulator.trace(of: scenario), width: width, height: height)
}

func seconds(_ value: Double) -> Nanoseconds { Nanoseconds(value * 1e9) }

/// Each key's effect on the state, without a terminal.
@Suite struct KeyHandlingTests {
    @Test func theBuiltInScenarioIsTheShippedFile() throws {
        let file = try String(contentsOf: packageRoot.appendingPathComponent("Scenarios/downloads.yaml"), encoding: .utf8)
        #expect(BuiltInScenarios.downloads + "\n" == file)
    }

    @Test func bracketsJumpBetweenEventsOfTheFocusedRun() throws {
        var state = try downloadsState()
        state.handle(.character("]"))
        #expect(state.playhead == seconds(2))
        state.handle(.character("]"))
        #expect(state.playhead == seconds(4))
        state.handle(.character("["))
        #expect(state.playhead == seconds(2))
        state.handle(.tab)
        #expect(state.focusedRun == 1)
        state.handle(.character("["))
        #expect(state.playhead == 0, "concurrent's previous event before 2 s is at 0")
        state.handle(.character("]"))
        state.handle(.character("]"))
        #expect(state.playhead == seconds(2), "nothing after concurrent's last event")
    }

    @Test func arrowsMoveOneColumnAndHomeEndJump() throws {
        var state = try downloadsState()
        state.handle(.right)
        let column = state.playhead
        #expect(column > 0 && column < seconds(0.1))
        state.handle(.character("l"))
        #expect(state.playhead == 2 * column)
        state.handle(.left)
        #expect(state.playhead == column)
        state.handle(.character("G"))
        #expect(state.playhead == seconds(6))
        state.handle(.right)
        #expect(state.playhead == seconds(6), "the playhead stays inside the trace")
        state.handle(.character("g"))
        #expect(state.playhead == 0)
    }

    @Test func zoomKeepsThePlayheadAndZeroFits() throws {
        var state = try downloadsState()
        state.handle(.character("]"))
        state.handle(.character("+"))
        #expect(state.window == seconds(1)...seconds(4))
        state.handle(.character("+"))
        #expect(state.window.contains(state.playhead))
        #expect(state.window.upperBound - state.window.lowerBound == seconds(1.5))
        state.handle(.character("-"))
        #expect(state.window.upperBound - state.window.lowerBound == seconds(3))
        state.handle(.character("0"))
        #expect(state.window == 0...seconds(6))
    }

    @Test func playbackSweepsTheWindowAndStopsAtTheEnd() throws {
        var state = try downloadsState()
        state.handle(.character(" "))
        #expect(state.isPlaying && !state.revealsAll)
        state.advance(byRealNanoseconds: 1_000_000_000)
        #expect(state.playhead == seconds(0.6), "at 1× the 6 s window sweeps by in 10 s")
        state.handle(.character(">"))
        state.advance(byRealNanoseconds: 1_000_000_000)
        #expect(state.playhead == seconds(1.8))
        state.handle(.character("<"))
        state.handle(.character("<"))
        state.advance(byRealNanoseconds: 1_000_000_000)
        #expect(state.playhead == seconds(2.1))
        state.advance(byRealNanoseconds: 100_000_000_000)
        #expect(state.playhead == seconds(6) && !state.isPlaying)
        state.handle(.character(" "))
        #expect(state.playhead == 0 && state.isPlaying, "playing again from the end starts over")
    }

    @Test func lanesSelectScrollAndFilter() throws {
        var state = try downloadsState()
        state.handle(.down)
        state.handle(.character("j"))
        #expect(state.selectedTask == 2)
        state.handle(.down)
        state.handle(.down)
        #expect(state.selectedTask == 3, "the selection stops at the last lane")
        state.handle(.up)
        #expect(state.selectedTask == 2)
        state.handle(.character("/"))
        #expect(state.mode == .filtering)
        for character in "page3" { state.handle(.character(character)) }
        state.handle(.enter)
        #expect(state.filter == "page3" && state.mode == .timeline)
        #expect(state.selectedTask == 3)
        state.handle(.escape)
        #expect(state.filter.isEmpty)
    }

    @Test func panelsOpenAndClose() throws {
        var state = try downloadsState()
        state.handle(.character("?"))
        #expect(state.mode == .help)
        state.handle(.character("?"))
        #expect(state.mode == .timeline)
        state.handle(.enter)
        #expect(state.mode == .details(scroll: 0))
        state.handle(.down)
        #expect(state.mode == .details(scroll: 1))
        state.handle(.escape)
        state.handle(.character("r"))
        #expect(state.mode == .readyQueue(scroll: 0))
        state.handle(.escape)
        state.handle(.character("c"))
        #expect(state.showsColumns)
        state.handle(.character("q"))
        #expect(state.wantsToQuit)
        var other = try downloadsState()
        other.handle(.interrupt)
        #expect(other.wantsToQuit)
    }

    @Test func aClickSelectsTheLaneAndMovesThePlayhead() throws {
        var state = try downloadsState()
        let screen = ScreenBuilder.screen(for: state).text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(screen.firstIndex { $0.hasPrefix("  page2 •") && $0.contains("•─") && $0.count < 80 })
        state.handle(.click(column: 60, row: row))
        #expect(state.focusedRun == 1)
        #expect(state.selectedTask == 2)
        #expect(state.playhead > seconds(2) && state.playhead < seconds(4))
        state.handle(.resize(width: 30, height: 8))
        #expect(state.isTooSmall)
    }
}
