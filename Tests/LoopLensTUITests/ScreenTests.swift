import Foundation
import LoopLensTestSupport
import LoopLensSimulation
import LoopLensTimeline
import LoopLensTrace
import LoopLensTUI
import Testing

/// The screen text for given states, compared with `Golden/` (rewrite with LOOPLENS_UPDATE_GOLDEN=1).
@Suite struct ScreenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ state: TUIState, against file: String) throws {
        let text = ScreenBuilder.screen(for: state).text
        let url = Self.goldenFolder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["LOOPLENS_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)), "\(file) differs")
    }

    static func blockingTheLoop(width: Int = 100, height: Int = 30) throws -> TUIState {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/blocking_the_loop.yaml").path)
        return TUIState(trace: try Simulator.trace(of: scenario), width: width, height: height)
    }

    @Test func timeline() throws {
        var state = try downloadsState()
        state.handle(.character("]"))
        try check(state, against: "downloads.txt")
    }

    @Test func help() throws {
        var state = try downloadsState()
        state.handle(.character("?"))
        try check(state, against: "help.txt")
    }

    @Test func details() throws {
        var state = try Self.blockingTheLoop()
        state.handle(.tab)
        state.handle(.down)
        state.handle(.down)
        state.handle(.enter)
        try check(state, against: "details.txt")
    }

    @Test func readyQueueAtTheMomentTheLoopIsBlocked() throws {
        var state = try Self.blockingTheLoop()
        state.handle(.tab)
        state.handle(.character("]"))
        #expect(state.playhead == 500_000_000, "the ticker's timer")
        state.handle(.character("]"))
        #expect(state.playhead == 1_000_000_000, "the fetches' reads")
        state.handle(.character("r"))
        try check(state, against: "ready-queue.txt")
        let footer = ScreenBuilder.screen(for: state).text
        #expect(footer.contains("concurrent @ 1.00 s  ·  running: compress  ·  ready 3: ticker, fetch1, fetch2"))
    }

    /// 1 500 tasks wait for the loop while main runs: the footer counts them all and names those
    /// that fit, the ready-queue panel lists the first 1 000 in the order the loop takes them.
    @Test func aLongReadyQueueIsCountedAndCut() {
        var run = Run(name: "concurrent", scenario: "crowd")
        run.tasks.add(id: 0, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        for task in 1...1_500 {
            run.tasks.add(id: task, name: "t\(task)", parent: 0)
            run.events.append(Event(time: Nanoseconds(task), task: task, kind: .spawn))
        }
        run.events.append(Event(time: 1_000_000_000, task: 0, kind: .finish))
        for task in 1...1_500 {
            let time = 1_000_000_000 + Nanoseconds(task) * 1_000
            run.events.append(Event(time: time, task: task, kind: .resume))
            run.events.append(Event(time: time + 500, task: task, kind: .finish))
        }
        var state = TUIState(trace: Trace(runs: [run]), width: 100, height: 30)
        state.playhead = 500_000_000
        #expect(ScreenBuilder.screen(for: state).text.contains("concurrent @ 500.00 ms  ·  running: main  ·  ready 1500: t1, t2, t3, t4"))
        state.handle(.character("r"))
        let panel = ScreenBuilder.screen(for: state).text
        #expect(panel.contains("│   1. t1  ready since 1 ns") && panel.contains(" 1-26 of 1002 "))
        for _ in 0..<100 { state.handle(.pageDown) }
        let end = ScreenBuilder.screen(for: state).text
        let lastLines = end.split(separator: "\n").compactMap { $0.split(separator: "│").dropFirst().first }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(Array(lastLines.suffix(3)) == ["999. t999  ready since 999 ns", "1000. t1000  ready since 1.00 µs", "… and 500 more"])
        #expect(end.contains(" 977-1002 of 1002 "))
    }

    /// `w` lists what `looplens check` finds; the selected finding shows its evidence and advice,
    /// and Enter shows it on the timeline: its run focused, the task to blame selected, the
    /// playhead at its start.
    @Test func findingsPanelAndJumpingToAFinding() throws {
        var state = try Self.blockingTheLoop()
        state.handle(.character("w"))
        try check(state, against: "findings.txt")
        state.handle(.down)
        #expect(state.mode == .findings(selected: 1))
        state.handle(.up)
        state.handle(.enter)
        #expect(state.mode == .timeline)
        #expect(state.prepared.runs[state.focusedRun].run.name == "concurrent")
        #expect(state.selectedTask.map { state.prepared.runs[state.focusedRun].run.tasks[$0].name } == "compress")
        #expect(state.playhead == 0)
        // A finding whose task a filter hides clears the filter.
        state.handle(.character("/"))
        for character in "tick" { state.handle(.character(character)) }
        state.handle(.enter)
        state.handle(.character("w"))
        state.handle(.enter)
        #expect(state.filter.isEmpty && state.selectedTask.map { state.prepared.runs[state.focusedRun].run.tasks[$0].name } == "compress")
    }

    /// `p` marks each run's critical path, with a row drawing it under the run's lanes; `p` again
    /// hides it.
    @Test func criticalPathToggles() throws {
        var state = try Self.blockingTheLoop()
        state.handle(.character("p"))
        try check(state, against: "critical-path.txt")
        #expect(ScreenBuilder.screen(for: state).text.contains("critical path"))
        state.handle(.character("p"))
        #expect(!ScreenBuilder.screen(for: state).text.contains("critical path"))
    }

    /// The ready-queue panel also says who holds each lock or semaphore at the playhead and who
    /// waits for it, in the order they queued.
    @Test func readyQueuePanelListsHoldersAndWaiters() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/semaphore_limit.yaml").path)
        var state = TUIState(trace: try Simulator.trace(of: scenario), width: 100, height: 30)
        state.playhead = 500_000_000
        state.handle(.character("r"))
        let text = ScreenBuilder.screen(for: state).text
        #expect(
            text.contains("semaphore pool: 1 in use\n") || text.contains("semaphore pool: 1 in use "), "sequential: one download at a time")
        #expect(text.contains("semaphore pool: 2 in use; waiting: download3, download4, download5"))
        let locks = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/lock_contention.yaml").path)
        state = TUIState(trace: try Simulator.trace(of: locks), width: 100, height: 30)
        state.playhead = 2_500_000_000
        state.handle(.character("r"))
        #expect(ScreenBuilder.screen(for: state).text.contains("lock db: held by worker2; waiting: worker3"))
    }

    @Test func columnsAndASCII() throws {
        var state = try Self.blockingTheLoop(width: 120, height: 24)
        state.glyphs = .ascii
        state.handle(.character("c"))
        try check(state, against: "columns-ascii.txt")
        #expect(ScreenBuilder.screen(for: state).text.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
    }

    @Test func tooSmall() throws {
        try check(try downloadsState(width: 30, height: 8), against: "too-small.txt")
    }

    @Test func playheadSelectionAndPlaybackDimming() throws {
        var state = try downloadsState()
        state.handle(.character("]"))
        state.handle(.character(" "))
        let screen = ScreenBuilder.screen(for: state)
        let rows = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        let main = try #require(rows.firstIndex { $0.hasPrefix("main") })
        let reversed = screen.rows[main].indices.filter { screen.rows[main][$0].attributes.contains(.reverse) }
        #expect(reversed == Array(0..<7) + [reversed.last!], "the selected lane's name column (7 wide) and the playhead column")
        let playhead = try #require(reversed.last)
        #expect(playhead == 8 + Int((2.0 / 6.0 * 92).rounded(.down)), "the column of 2 s on a 92-column timeline")
        #expect(screen.rows[main][playhead + 1].attributes.contains(.dim), "after the playhead, cells dim during playback")
        #expect(!screen.rows[main][playhead - 1].attributes.contains(.dim))
    }

    @Test func namesFromTheTraceAreSanitised() throws {
        var run = Run(name: "real\u{1B}[31m", scenario: "evil\u{1B}]0;x\u{7}")
        run.tasks.add(id: 1, name: "bad\u{1B}[2Jname", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        run.events.append(Event(time: 10, task: 0, kind: .print, detail: .text("\u{1B}[H")))
        run.events.append(Event(time: 20, task: 0, kind: .finish))
        var state = TUIState(trace: Trace(runs: [run]), width: 80, height: 20)
        state.handle(.enter)
        let text = ScreenBuilder.screen(for: state).text
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("bad?[2Jname"))
        #expect(text.contains("print \"?[H\""))
    }
}
