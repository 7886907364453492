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
        grid(for: PreparedTrace(trace, lanes: viewport.lanes), in: viewport)
    }

    public static func grid(for prepared: PreparedTrace, in viewport: Viewport) -> Grid {
        var rows: [Row] = []
        let frame = layOut(prepared, in: viewport) { rows.append($0) }
        return Grid(width: frame.width, rows: rows, scale: frame.scale, timelineColumn: frame.timelineColumn)
    }

    /// Lays `prepared` out row by row, handing each row to `body` as soon as it is made, so that
    /// drawing a whole trace holds one row at a time, not the grid; returns the grid's geometry.
    @discardableResult
    public static func layOut(_ prepared: PreparedTrace, in viewport: Viewport, row body: (Row) -> Void) -> GridFrame {
        let glyphs = viewport.glyphs
        let width = max(viewport.width, Viewport.minimumWidth)
        let blocks = prepared.runs.indices.compactMap { index -> RunBlock? in
            let run = prepared.runs[index]
            guard viewport.runs?.contains(run.run.name) ?? true else { return nil }
            var lanes = run.lanes(matching: viewport.lanes)
            if let range = viewport.laneRanges[run.run.name] {
                lanes = Array(lanes[range.clamped(to: lanes.indices)])
            }
            return RunBlock(prepared: run, index: index, lanes: lanes)
        }
        let labelWidth = viewport.labelWidth ?? self.labelWidth(for: prepared, in: viewport)
        let timelineColumn = self.timelineColumn(labelWidth: labelWidth, width: width)
        let window = viewport.window ?? 0...prepared.duration
        let scale = TimeScale(start: window.lowerBound, end: window.upperBound, columns: width - timelineColumn)

        var isFirstRow = true
        func emit(_ row: Row) {
            isFirstRow = false
            body(row)
        }
        if viewport.showsHeading {
            let title = DisplayWidth.truncate(
                glyphs.displayable(prepared.trace.runs.first?.scenario ?? ""), to: width, ellipsis: glyphs.ellipsis)
            emit(Row(kind: .heading, width: width, text: title, style: .heading))
        }
        let sequential = prepared.trace.runs.first { $0.name == "sequential" }
        for block in blocks {
            if !isFirstRow { emit(Row(kind: .blank, width: width)) }
            emit(
                Row(
                    kind: .runTitle(run: block.index), width: width,
                    text: block.title(comparedWith: sequential, glyphs: glyphs, width: width),
                    style: .runTitle))
            let path = viewport.showsCriticalPath ? block.prepared.criticalPath : nil
            let pathByTask = Dictionary(grouping: path?.segments ?? [], by: \.task)
            for lane in block.lanes {
                var row = Row(kind: .lane(run: block.index, task: lane.task), width: width)
                let name = glyphs.displayable(block.run.tasks[lane.task].name)
                let indent = min(2 * lane.depth, timelineColumn - 2)
                row.put(DisplayWidth.truncate(name, to: timelineColumn - 1 - indent, ellipsis: glyphs.ellipsis), at: indent, style: .label)
                var cells = block.prepared.timeline(of: lane.task, overlapping: scale.window).cells(
                    marks: block.prepared.marks(of: lane.task, in: scale.window), scale: scale, glyphs: glyphs)
                for segment in pathByTask[lane.task] ?? [] {
                    guard let columns = scale.columns(from: segment.start, to: segment.end) else { continue }
                    for column in columns where cells[column] != .blank { cells[column].markOnCriticalPath(glyphs) }
                }
                row.cells.replaceSubrange(timelineColumn..<width, with: cells)
                emit(row)
            }
            for (number, resource) in block.prepared.resources.enumerated() where viewport.showsResources {
                var row = Row(kind: .resource(run: block.index, resource: number), width: width)
                let label = glyphs.displayable(resourceLabel(of: resource))
                row.put(DisplayWidth.truncate(label, to: timelineColumn - 1, ellipsis: glyphs.ellipsis), at: 0, style: .label)
                let cells = resource.cells(scale: scale, runEnd: block.run.duration, glyphs: glyphs) { block.run.tasks[$0].name }
                row.cells.replaceSubrange(timelineColumn..<width, with: cells)
                emit(row)
            }
            if let path {
                emit(criticalPathRow(path, run: block.index, width: width, timelineColumn: timelineColumn, scale: scale, glyphs: glyphs))
            }
        }
        emit(Row(kind: .blank, width: width))
        let ruler = Ruler(scale: scale, glyphs: glyphs).rows(scale: scale, glyphs: glyphs)
        var ticks = Row(kind: .rulerTicks, width: width)
        ticks.cells.replaceSubrange(timelineColumn..<width, with: ruler.ticks)
        var labels = Row(kind: .rulerLabels, width: width)
        labels.cells.replaceSubrange(timelineColumn..<width, with: ruler.labels)
        emit(ticks)
        emit(labels)
        if viewport.showsLegend {
            legendRows(glyphs: glyphs, width: width, showsCut: prepared.hasCutTasks, showsCriticalPath: viewport.showsCriticalPath).forEach(
                emit)
        }
        return GridFrame(width: width, scale: scale, timelineColumn: timelineColumn)
    }

    static let criticalPathLabel = "critical path"

    /// A resource lane's name: `lock db`, `semaphore pool`.
    static func resourceLabel(of resource: ResourceUse) -> String { resource.title }

    /// The row under a run's lanes that draws its critical path: at each moment, the state of the
    /// stretch of the path then, whichever task it is in.
    static func criticalPathRow(_ path: CriticalPath, run: Int, width: Int, timelineColumn: Int, scale: TimeScale, glyphs: Glyphs) -> Row {
        var row = Row(kind: .criticalPath(run: run), width: width)
        row.put(DisplayWidth.truncate(criticalPathLabel, to: timelineColumn - 1, ellipsis: glyphs.ellipsis), at: 0, style: .label)
        var cells = path.timeline.cells(marks: [], scale: scale, glyphs: glyphs)
        for column in cells.indices where cells[column] != .blank { cells[column].markOnCriticalPath(glyphs) }
        row.cells.replaceSubrange(timelineColumn..<width, with: cells)
        return row
    }

    /// How many lanes a grid of `trace` in `viewport` has (before ``Viewport/laneRanges``): cheap,
    /// so that a trace too large to draw is refused before anything is derived from it.
    public static func laneCount(of trace: Trace, in viewport: Viewport) -> Int {
        let filter = viewport.lanes.flatMap { $0.isEmpty ? nil : LaneFilter($0) }
        return trace.runs.lazy.filter { viewport.runs?.contains($0.name) ?? true }.map { run in
            filter.map { filter in run.tasks.lazy.filter { filter.matches($0.name) }.count } ?? run.tasks.count
        }.reduce(0, +)
    }

    /// The name column's width that fits every shown lane's indented name, within limits.
    public static func labelWidth(for prepared: PreparedTrace, in viewport: Viewport) -> Int {
        let widest = prepared.runs.filter { viewport.runs?.contains($0.run.name) ?? true }.map { run in
            guard let pattern = viewport.lanes, !pattern.isEmpty else {
                return viewport.glyphs.isASCII ? run.widestLabel.ascii : run.widestLabel.unicode
            }
            return PreparedRun.widestLabel(of: run.lanes(matching: pattern), in: run.run, glyphs: viewport.glyphs)
        }
        let pathLabel = viewport.showsCriticalPath ? criticalPathLabel.count : 0
        let resourceLabels =
            viewport.showsResources
            ? prepared.runs.filter { viewport.runs?.contains($0.run.name) ?? true }.flatMap(\.resources).map {
                DisplayWidth.of(viewport.glyphs.displayable(resourceLabel(of: $0)))
            }.max() ?? 0 : 0
        return min(max(widest.max() ?? 4, 4, pathLabel, resourceLabels), maximumLabelWidth, max(viewport.width, Viewport.minimumWidth) / 3)
    }

    /// The first column of the timeline, after the name column and a space.
    public static func timelineColumn(labelWidth: Int, width: Int) -> Int {
        min(labelWidth, max(width, Viewport.minimumWidth) - 10) + 1
    }

    /// How many rows a grid of `runs` runs of `prepared` has besides their lanes.
    public static func rowsBesideLanes(of prepared: PreparedTrace, runs: Int, in viewport: Viewport) -> Int {
        let heading = viewport.showsHeading ? 1 : 0
        let titles = runs
        let separators = max(runs - (viewport.showsHeading ? 0 : 1), 0)
        let legend =
            viewport.showsLegend
            ? legendRows(
                glyphs: viewport.glyphs, width: max(viewport.width, Viewport.minimumWidth), showsCut: prepared.hasCutTasks,
                showsCriticalPath: viewport.showsCriticalPath
            ).count
            : 0
        let criticalPaths = viewport.showsCriticalPath ? runs : 0
        // Every run's resources, as a bound: a pane shows one run's.
        let resources = viewport.showsResources ? prepared.runs.map(\.resources.count).max() ?? 0 : 0
        return heading + titles + separators + criticalPaths + runs * resources + 3 + legend
    }

    /// The legend, wrapped to the width; the cut mark only for a trace that has one, the critical
    /// path's waiting glyph only when it is shown.
    static func legendRows(glyphs: Glyphs, width: Int, showsCut: Bool, showsCriticalPath: Bool = false) -> [Row] {
        let items: [(CellStyle, String)] =
            [
                (.running, "running"), (.runningAndReady, "taking turns"), (.ready, "ready"), (.waiting, "waiting"), (.printMark, "print"),
                (.failed, "failed"),
                (.cancelled, "cancelled"), (.deadlocked, "deadlock"),
            ] + (showsCut ? [(.cut, "recording cut")] : []) + (showsCriticalPath ? [(.waiting, "critical path")] : [])
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
            let glyph = name == criticalPathLabel ? glyphs.criticalWaiting : glyphs.character(for: style)
            rows[rows.count - 1].put(String(glyph), at: column, style: style)
            rows[rows.count - 1].put(name, at: column + 2, style: .ruler)
            column += itemWidth
        }
        return rows
    }
}

/// One run as it is laid out: its prepared data and the lanes shown.
private struct RunBlock {
    let prepared: PreparedRun
    let index: Int
    let lanes: [Lane]

    var run: Run { prepared.run }

    /// `concurrent · 2.00 s · 3.00× faster than sequential`.
    func title(comparedWith sequential: Run?, glyphs: Glyphs, width: Int) -> String {
        let dot = " \(glyphs.middleDot) "
        var text = glyphs.displayable(run.name) + dot + run.duration.formatted(.summary, ascii: glyphs.isASCII)
        if let sequential, sequential.name != run.name, let speedup = Speedup(of: run, over: sequential) {
            text += dot + speedup.described(comparedWith: "sequential", times: glyphs.times)
        }
        return DisplayWidth.truncate(text, to: width, ellipsis: glyphs.ellipsis)
    }
}
