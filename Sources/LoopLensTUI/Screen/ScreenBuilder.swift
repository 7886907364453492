import LoopLensTimeline
import LoopLensTrace

/// Turns a ``TUIState`` into a ``Screen``: the header, the runs' panes (the layout of the export,
/// with lane ranges), the playhead, the selection, the footer and any open panel. Pure.
public enum ScreenBuilder {
    public static func screen(for state: TUIState) -> Screen {
        var screen = Screen(width: max(state.width, 1), height: max(state.height, 1))
        guard !state.isTooSmall else {
            drawTooSmall(on: &screen, state: state)
            return screen
        }
        drawHeader(on: &screen, state: state)
        let layout = layout(of: state)
        for pane in layout.panes {
            draw(pane, on: &screen, state: state)
        }
        drawFooter(on: &screen, state: state)
        switch state.mode {
        case .help: Panels.drawBox(Panels.help, title: "Keys", on: &screen, state: state, scroll: 0)
        case .details(let scroll): Panels.drawBox(Panels.details(state), title: "Task", on: &screen, state: state, scroll: scroll)
        case .readyQueue(let scroll):
            Panels.drawBox(Panels.readyQueue(state), title: "Ready queue", on: &screen, state: state, scroll: scroll)
        case .findings(let selected):
            let (lines, selectedLine) = Panels.findings(state, selected: selected)
            Panels.drawBox(lines, title: "Findings", on: &screen, state: state, scroll: max(selectedLine - 2, 0))
        case .timeline, .filtering: break
        }
        return screen
    }

    /// The footer: one line per run (at most this many), then the key hints.
    static let maximumReportLines = 4

    static func reportLines(_ state: TUIState) -> Int { min(state.prepared.runs.count, maximumReportLines) }

    /// The panes and how many lanes each shows, for the state's size.
    static func layout(of state: TUIState) -> ScreenLayout {
        let viewport = state.viewport
        let available = state.height - 1 - reportLines(state) - 1
        let runs = state.prepared.trace.runs
        if state.showsColumns {
            let perPane = max(available - TimelineLayout.rowsBesideLanes(of: state.prepared, runs: 1, in: viewport), 1)
            let panes = runs.indices.map { index -> ScreenLayout.Pane in
                var paneViewport = viewport
                paneViewport.runs = [runs[index].name]
                paneViewport.laneRanges = [runs[index].name: lanes(of: index, state: state, perPane: perPane)]
                let grid = TimelineLayout.grid(for: state.prepared, in: paneViewport)
                return ScreenLayout.Pane(origin: index * viewport.width, grid: grid, top: 1, firstLanes: state.laneOffsets)
            }
            return ScreenLayout(panes: panes, lanesPerPane: perPane)
        }
        let fixed = TimelineLayout.rowsBesideLanes(of: state.prepared, runs: runs.count, in: viewport)
        let perPane = max((available - fixed) / max(runs.count, 1), 1)
        var paneViewport = viewport
        paneViewport.laneRanges = Dictionary(
            uniqueKeysWithValues: runs.indices.map { (runs[$0].name, lanes(of: $0, state: state, perPane: perPane)) })
        let grid = TimelineLayout.grid(for: state.prepared, in: paneViewport)
        return ScreenLayout(panes: [ScreenLayout.Pane(origin: 0, grid: grid, top: 1, firstLanes: state.laneOffsets)], lanesPerPane: perPane)
    }

    private static func lanes(of run: Int, state: TUIState, perPane: Int) -> Range<Int> {
        let offset = state.laneOffsets.indices.contains(run) ? state.laneOffsets[run] : 0
        return offset..<(offset + perPane)
    }

    // MARK: - Parts

    private static func drawTooSmall(on screen: inout Screen, state: TUIState) {
        let need = "\(TUIState.minimumWidth)x\(TUIState.minimumHeight)"
        let have = "\(state.width)x\(state.height)"
        let long = "Terminal too small: LoopLens needs \(need), this one is \(have)"
        let text = long.count <= state.width ? long : "Too small: need \(need)"
        screen.put(String(text.prefix(state.width)), row: state.height / 2, column: max((state.width - text.count) / 2, 0), style: .heading)
    }

    private static func drawHeader(on screen: inout Screen, state: TUIState) {
        let glyphs = state.glyphs
        let runs = state.prepared.trace.runs
        var parts = ["LoopLens", glyphs.displayable(runs.first?.scenario ?? "")]
        let sequential = runs.first { $0.name == "sequential" }
        for run in runs {
            var part = "\(glyphs.displayable(run.name)) \(run.duration.formatted(.summary, ascii: glyphs.isASCII))"
            if let sequential, sequential.name != run.name, let speedup = Speedup(of: run, over: sequential) {
                part += " (\(speedup.formatted(times: glyphs.times)))"
            }
            parts.append(part)
        }
        let playback: String
        if let live = state.live {
            playback = glyphs.displayable(live.status) + (live.followsNow ? "" : " \(glyphs.middleDot) paused, G follows")
        } else {
            let speed = TUIState.playbackSpeeds[state.speedIndex]
            let speedText = speed < 1 ? "\(speed)" : "\(Int(speed))"
            playback = (state.isPlaying ? "playing " : "paused ") + speedText + glyphs.times
        }
        let text = parts.joined(separator: " \(glyphs.middleDot) ")
        screen.put(
            DisplayWidth.truncate(text, to: state.width - playback.count - 1, ellipsis: glyphs.ellipsis), row: 0, column: 0, style: .heading
        )
        screen.put(playback, row: 0, column: state.width - playback.count, style: .ruler)
        screen.add(.reverse, row: 0, columns: 0..<state.width)
    }

    private static func draw(_ pane: ScreenLayout.Pane, on screen: inout Screen, state: TUIState) {
        let grid = pane.grid
        let scale = grid.scale
        let playheadVisible = state.playhead >= scale.start && state.playhead <= scale.end
        let playheadColumn = pane.origin + grid.timelineColumn + scale.column(of: state.playhead)
        let selectedTask = state.selectedTask
        for (index, row) in grid.rows.enumerated() {
            let screenRow = pane.top + index
            guard screenRow < state.height - reportLines(state) - 1 else { break }
            screen.copy(row.cells, row: screenRow, column: pane.origin)
            for column in row.cells.indices where row.cells[column].isOnCriticalPath {
                screen.add([.bold, .underline], row: screenRow, columns: (pane.origin + column)..<(pane.origin + column + 1))
            }
            switch row.kind {
            case .lane(let run, let task):
                if !state.revealsAll, playheadVisible {
                    screen.add(.dim, row: screenRow, columns: (playheadColumn + 1)..<(pane.origin + grid.width))
                }
                if run == state.focusedRun, task == selectedTask {
                    screen.add(.reverse, row: screenRow, columns: pane.origin..<(pane.origin + grid.timelineColumn - 1))
                }
                if playheadVisible { screen.add(.reverse, row: screenRow, columns: playheadColumn..<(playheadColumn + 1)) }
            case .runTitle(let run):
                if run == state.focusedRun {
                    screen.add([.bold, .underline], row: screenRow, columns: pane.origin..<(pane.origin + grid.width))
                }
            case .rulerTicks, .rulerLabels, .criticalPath, .resource:
                if playheadVisible { screen.add(.reverse, row: screenRow, columns: playheadColumn..<(playheadColumn + 1)) }
            case .heading, .blank, .legend:
                break
            }
        }
    }

    private static func drawFooter(on screen: inout Screen, state: TUIState) {
        let glyphs = state.glyphs
        let firstReportRow = state.height - reportLines(state) - 1
        for (offset, run) in state.prepared.runs.prefix(reportLines(state)).enumerated() {
            // Each name takes at least three columns ("a, "): no more fit in the line.
            let report = PlayheadReport(run: run, occupancy: state.occupancy[offset], at: state.playhead, listing: state.width / 3)
            let text = report.line(glyphs: glyphs, width: state.width)
            screen.put(DisplayWidth.truncate(text, to: state.width, ellipsis: glyphs.ellipsis), row: firstReportRow + offset, column: 0)
        }
        let hints: String
        if state.mode == .filtering {
            hints = "filter lanes: \(glyphs.displayable(state.filter))_   (Enter keep, Esc clear)"
        } else {
            let filter = state.filter.isEmpty ? "" : "[filter: \(glyphs.displayable(state.filter))]  "
            let (move, select) = glyphs.isASCII ? ("h/l", "j/k") : ("←/→", "↑/↓")
            hints =
                filter
                + "q quit  ? help  Space \(state.live == nil ? "play" : "pause")  \(move) move  [/] event  +/- zoom  \(select) lane  Tab run  Enter details  r ready  / filter"
        }
        screen.put(
            DisplayWidth.truncate(hints, to: state.width, ellipsis: glyphs.ellipsis), row: state.height - 1, column: 0, style: .ruler)
        screen.add(.reverse, row: state.height - 1, columns: 0..<state.width)
    }
}
