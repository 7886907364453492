import Foundation
import FoundationXML
import LoopLensTimeline
import LoopLensTrace
import Testing

@Suite struct LayoutTests {
    /// A run built from (task name, parent, [(time, kind, detail)]).
    static func run(_ tasks: [(String, Int?, [Event])], name: String = "concurrent") -> Run {
        var run = Run(name: name, scenario: "test")
        for (index, task) in tasks.enumerated() { run.tasks.add(id: index, name: task.0, parent: task.1) }
        let events = tasks.enumerated().flatMap { index, task in
            task.2.map { event in Event(time: event.time, task: index, kind: event.kind, detail: event.detail) }
        }
        for event in events.sorted(by: { $0.time < $1.time }) { run.events.append(event) }
        return run
    }

    static func lane(_ grid: Grid, task: Int) -> [Cell] {
        let row = grid.rows.first { $0.kind == .lane(run: 0, task: task) }!
        return Array(row.cells[grid.timelineColumn...])
    }

    @Test func aOneMicrosecondBurstInTenSecondsIsVisible() {
        let second = Nanoseconds.perSecond
        let trace = Trace(runs: [
            Self.run([
                (
                    "worker", nil,
                    [
                        Event(time: 0, task: 0, kind: .spawn), Event(time: 0, task: 0, kind: .resume),
                        Event(time: 0, task: 0, kind: .suspend, detail: .wait(on: .sleep, what: "5s")),
                        Event(time: 5 * second, task: 0, kind: .resume),
                        Event(time: 5 * second + 1_000, task: 0, kind: .suspend, detail: .wait(on: .io, what: "x")),
                        Event(time: 10 * second, task: 0, kind: .finish),
                    ]
                )
            ])
        ])
        let grid = TimelineLayout.grid(for: trace, in: Viewport(width: 80))
        let cells = Self.lane(grid, task: 0)
        let running = cells.indices.filter { cells[$0].style == .running }
        // One cell spans about 140 ms; the 1 µs of running inside it still shows.
        #expect(running == [grid.scale.column(of: 5 * second)])
    }

    /// Two threads taking turns at the GIL in 5 ms slices for 1 s: each turn, one resumes and
    /// at the end of its slice is ready again (preempted), as ThreadEngine records it.
    static let gilTurns: Trace = {
        let slice: Nanoseconds = 5_000_000
        var events: [[Event]] = [[Event(time: 0, task: 0, kind: .spawn)], [Event(time: 0, task: 1, kind: .spawn)]]
        for turn in 0..<200 {
            let start = Nanoseconds(turn) * slice
            events[turn % 2] += [
                Event(time: start, task: turn % 2, kind: .resume),
                Event(time: start + slice, task: turn % 2, kind: turn < 198 ? .ready : .finish),
            ]
        }
        return Trace(runs: [run([("a", nil, events[0]), ("b", nil, events[1])], name: "threads")])
    }()

    @Test func zoomedOutThreadsTakingTurnsShowTheMixAndZoomedInShowEachSlice() {
        let coarse = TimelineLayout.grid(for: Self.gilTurns, in: Viewport(width: 80))
        for task in 0..<2 {
            // The lane's last cell may hold only the final turn: it is plain running.
            let drawn = Self.lane(coarse, task: task).filter { $0.style != .plain }.dropLast()
            let shown = drawn.map { $0.character.map(String.init) ?? "" }.joined()
            #expect(drawn.count > 70 && drawn.allSatisfy { $0.style == .runningAndReady }, "a 1 s lane of 5 ms turns: \(shown)")
        }
        var zoomed = Viewport(width: 80)
        zoomed.window = 0...30_000_000
        let fine = TimelineLayout.grid(for: Self.gilTurns, in: zoomed)
        let lane = Self.lane(fine, task: 0)
        let scale = fine.scale
        #expect(lane[scale.column(of: 2_500_000)].style == .running)
        #expect(lane[scale.column(of: 7_500_000)].style == .ready)
        #expect(!lane.contains { $0.style == .runningAndReady }, "one cell is about 0.4 ms: no cell holds two turns")
    }

    @Test func aSingleHandOverFromReadyToRunningIsNotAMix() {
        let second = Nanoseconds.perSecond
        let trace = Trace(runs: [
            Self.run([
                (
                    "worker", nil,
                    [
                        Event(time: 0, task: 0, kind: .spawn), Event(time: 0, task: 0, kind: .ready),
                        Event(time: second / 2 + 1, task: 0, kind: .resume), Event(time: 2 * second, task: 0, kind: .finish),
                    ]
                )
            ])
        ])
        let cells = Self.lane(TimelineLayout.grid(for: trace, in: Viewport(width: 40)), task: 0)
        #expect(!cells.contains { $0.style == .runningAndReady })
    }

    @Test func asciiOutputIsSevenBitAndFitsTheWidth() throws {
        for name in GoldenTests.scenarios {
            for width in [40, 57, 80, 131] {
                let text = try GoldenTests.render(name, Viewport(width: width, glyphs: .ascii))
                #expect(text.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) }, "\(name) at \(width)")
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= width }, "\(name) at \(width)")
                let unicode = try GoldenTests.render(name, Viewport(width: width))
                #expect(unicode.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= width }, "\(name) at \(width)")
            }
        }
    }

    static let hostileTrace = Trace(runs: [
        run([
            ("evil\u{1B}[2J\u{1B}]0;pwned\u{7}name", nil, [Event(time: 0, task: 0, kind: .spawn), Event(time: 5, task: 0, kind: .finish)]),
            ("日本語のとても長いタスクの名前です", 0, [Event(time: 1, task: 1, kind: .spawn), Event(time: 4, task: 1, kind: .finish)]),
            ("<script>&\"'", 0, [Event(time: 2, task: 2, kind: .spawn), Event(time: 3, task: 2, kind: .finish)]),
        ])
    ])

    @Test func namesAreSanitisedAndTruncatedWithoutShiftingTheTimeline() {
        let grid = TimelineLayout.grid(for: Self.hostileTrace, in: Viewport(width: 60))
        let text = TextRenderer.render(grid)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil?[2J?]0;pwned?name") || text.contains("evil?[2J?]0;pwned?"))
        for row in grid.rows where row.cells.count != 60 { Issue.record("every row is exactly the grid's width") }
        let lanes = grid.rows.filter { if case .lane = $0.kind { true } else { false } }
        #expect(lanes.count == 3)
        for lane in lanes {
            let label = lane.cells[..<grid.timelineColumn].compactMap(\.character)
            #expect(DisplayWidth.of(String(label)) == grid.timelineColumn, "labels fill exactly the name column")
        }
        #expect(text.contains("…"), "long names end with an ellipsis")
        let ascii = TextRenderer.render(TimelineLayout.grid(for: Self.hostileTrace, in: Viewport(width: 60, glyphs: .ascii)))
        #expect(ascii.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
    }

    @Test func svgIsValidXMLWithOneGroupPerLane() throws {
        for trace in [Self.hostileTrace, try GoldenTests.trace(of: "downloads")] {
            let svg = SVGRenderer.render(TimelineLayout.grid(for: trace, in: Viewport(width: 80)))
            let document = try XMLDocument(data: Data(svg.utf8))
            let lanes = try document.nodes(forXPath: "//*[local-name()='g'][@class='lane']")
            let expected = trace.runs.reduce(0) { $0 + $1.tasks.count }
            #expect(lanes.count == expected)
            #expect(!svg.contains("\u{1B}"))
        }
        let downloads = SVGRenderer.render(TimelineLayout.grid(for: try GoldenTests.trace(of: "downloads"), in: Viewport(width: 80)))
        #expect(downloads.contains(">concurrent · 2.00 s · 3.00× faster than sequential</text>"))
    }

    @Test func lanesFollowTheTaskTreeAndTheFilter() throws {
        let trace = try GoldenTests.trace(of: "api_gather")
        let grid = TimelineLayout.grid(for: trace, in: Viewport(width: 80, runs: ["concurrent"]))
        let names = grid.rows.compactMap { row -> String? in
            guard case .lane = row.kind else { return nil }
            return String(row.cells[..<grid.timelineColumn].compactMap(\.character)).trimmingCharacters(in: .whitespaces)
        }
        #expect(names == ["main", "get_user", "get_orders", "get_prices"])
        let indented = grid.rows.first { $0.kind == .lane(run: 1, task: 1) }!
        #expect(indented.cells[0].character == " " && indented.cells[2].character == "g")
        let filtered = TimelineLayout.grid(for: trace, in: Viewport(width: 80, lanes: "GET_*S"))
        #expect(
            filtered.rows.filter { if case .lane = $0.kind { true } else { false } }.count == 4, "get_orders and get_prices in both runs")
    }

    @Test func aTaskTheRecordingCutShortEndsInTheCutMarkAndTheLegendSaysSo() {
        let second = Nanoseconds.perSecond
        let trace = Trace(runs: [
            Self.run([
                ("main", nil, [Event(time: 0, task: 0, kind: .spawn), Event(time: 0, task: 0, kind: .resume)]),
                (
                    "done", 0,
                    [
                        Event(time: 0, task: 1, kind: .spawn), Event(time: 10 * second, task: 1, kind: .resume),
                        Event(time: 20 * second, task: 1, kind: .finish),
                    ]
                ),
            ])
        ])
        let grid = TimelineLayout.grid(for: trace, in: Viewport(width: 60, glyphs: .ascii))
        #expect(Self.lane(grid, task: 0).last?.character == ">")
        #expect(Self.lane(grid, task: 0).dropLast().allSatisfy { $0.character == "#" })
        #expect(Self.lane(grid, task: 1).last?.character == "#", "a finished task has no cut mark")
        let legend = grid.rows.filter { $0.kind == .legend }.map { String($0.cells.compactMap(\.character)) }.joined()
        #expect(legend.contains("> recording cut"))
        var following = trace
        following.runs[0].recordedUntil = 20 * second
        let live = TimelineLayout.grid(for: following, in: Viewport(width: 60, glyphs: .ascii))
        #expect(Self.lane(live, task: 0).last?.character == "#", "a run still being recorded is not cut")
    }
}
