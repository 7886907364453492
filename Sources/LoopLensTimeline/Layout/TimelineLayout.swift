import LoopLensTrace

/// Lays a trace out as a grid of cells. The text export, the SVG export and the TUI all draw this
/// grid, so what one shows is what the others show.
///
/// The grid has the scenario's title; per run a title line (execution, total time, speedup over
/// `sequential`) and a lane per task (its name, indented under its parent, then one cell per slice
/// of time); a time ruler; and a legend. All runs share one time scale.
public enum TimelineLayout {
    /// The widest the name column gets; longer names are cut with an ellipsis.
    public static let maximumLabelWidth = 28

    public static func grid(for trace: Trace, in viewport: Viewport) -> Grid {
        let glyphs = viewport.glyphs
        let width = max(viewport.width, Viewport.minimumWidth)
        let shown = trace.runs.indices.filter { viewport.runs?.contains(trace.runs[$0].name) ?? true }
        let filter = viewport.lanes.map(LaneFilter.init)
        let blocks = shown.map { index in
            RunBlock(run: trace.runs[index], index: index, filter: filter)
        }

        let nameWidth =
            blocks.flatMap { block in
                block.lanes.map { 2 * $0.depth + DisplayWidth.of(glyphs.displayable(block.run.tasks[$0.task].name)) }
            }.max() ?? 4
        let labelWidth = min(max(nameWidth, 4), maximumLabelWidth, width / 3)
        let timelineColumn = labelWidth + 1
        let window = viewport.window ?? 0...(blocks.map(\.run.duration).max() ?? 0)
        let scale = TimeScale(start: window.lowerBound, end: window.upperBound, columns: width - timelineColumn)

        var rows: [Row] = []
        let title = glyphs.displayable(trace.runs.first?.scenario ?? "")
        rows.append(
            Row(kind: .heading, width: width, text: DisplayWidth.truncate(title, to: width, ellipsis: glyphs.ellipsis), style: .heading))
        let sequential = trace.runs.first { $0.name == "sequential" }
        for block in blocks {
            rows.append(Row(kind: .blank, width: width))
            rows.append(
                Row(
                    kind: .runTitle(run: block.index), width: width,
                    text: block.title(comparedWith: sequential, glyphs: glyphs, width: width), style: .runTitle))
            for lane in block.lanes {
                var row = Row(kind: .lane(run: block.index, task: lane.task), width: width)
                let name = glyphs.displayable(block.run.tasks[lane.task].name)
                let indent = min(2 * lane.depth, labelWidth - 1)
                row.put(DisplayWidth.truncate(name, to: labelWidth - indent, ellipsis: glyphs.ellipsis), at: indent, style: .label)
                let cells = block.timelines[lane.task].cells(marks: block.marks[lane.task], scale: scale, glyphs: glyphs)
                row.cells.replaceSubrange(timelineColumn..<width, with: cells)
                rows.append(row)
            }
        }
        rows.append(Row(kind: .blank, width: width))
        let ruler = Ruler(scale: scale, glyphs: glyphs).rows(scale: scale, glyphs: glyphs)
        var ticks = Row(kind: .rulerTicks, width: width)
        ticks.cells.replaceSubrange(timelineColumn..<width, with: ruler.ticks)
        var labels = Row(kind: .rulerLabels, width: width)
        labels.cells.replaceSubrange(timelineColumn..<width, with: ruler.labels)
        rows += [ticks, labels]
        rows += legendRows(glyphs: glyphs, width: width)
        return Grid(width: width, rows: rows, scale: scale, timelineColumn: timelineColumn)
    }

    /// The legend, wrapped to the width.
    static func legendRows(glyphs: Glyphs, width: Int) -> [Row] {
        let items: [(CellStyle, String)] = [
            (.running, "running"), (.ready, "ready"), (.waiting, "waiting"), (.printMark, "print"), (.failed, "failed"),
            (.cancelled, "cancelled"), (.deadlocked, "deadlock"),
        ]
        var rows = [Row(kind: .legend, width: width)]
        var column = 0
        for (style, name) in items {
            let itemWidth = 2 + name.count
            if column > 0, column + 2 + itemWidth > width {
                rows.append(Row(kind: .legend, width: width))
                column = 0
            } else if column > 0 {
                column += 2
            }
            rows[rows.count - 1].put(String(glyphs.character(for: style)), at: column, style: style)
            rows[rows.count - 1].put(name, at: column + 2, style: .ruler)
            column += itemWidth
        }
        return rows
    }
}

/// One run, ready to lay out: its timelines, lanes and marks.
private struct RunBlock {
    let run: Run
    let index: Int
    let timelines: [TaskTimeline]
    let lanes: [Lane]
    let marks: [[Mark]]

    init(run: Run, index: Int, filter: LaneFilter?) {
        self.run = run
        self.index = index
        timelines = run.taskTimelines()
        lanes = run.lanes(timelines: timelines).filter { filter?.matches(run.tasks[$0.task].name) ?? true }
        marks = Mark.marks(of: run)
    }

    /// `concurrent · 2.00 s · 3.00× faster than sequential`.
    func title(comparedWith sequential: Run?, glyphs: Glyphs, width: Int) -> String {
        let dot = " \(glyphs.middleDot) "
        var text = glyphs.displayable(run.name) + dot + run.duration.formatted(.summary, ascii: glyphs.isASCII)
        if let sequential, sequential.name != run.name, run.duration > 0 {
            let factor = Double(sequential.duration) / Double(run.duration)
            let hundredths = Int((factor * 100).rounded())
            let digits = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)\(glyphs.times)"
            text +=
                dot
                + (hundredths == 100
                    ? "as fast as sequential" : hundredths > 100 ? "\(digits) faster than sequential" : "\(digits) the speed of sequential")
        }
        return DisplayWidth.truncate(text, to: width, ellipsis: glyphs.ellipsis)
    }
}
