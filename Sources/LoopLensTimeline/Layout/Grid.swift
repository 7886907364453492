/// How a cell is drawn: its role, which renderers map to colours, SVG shapes or curses attributes.
public enum CellStyle: UInt8, Sendable, Hashable, CaseIterable {
    case plain
    /// The scenario title.
    case heading
    /// A run's title line: execution, total time, speedup.
    case runTitle
    /// A lane's task name.
    case label
    case running
    /// A cell where the task ran in turns with ready time between: threads sharing the GIL, or
    /// `sleep(0)` rounds, seen zoomed out.
    case runningAndReady
    case ready
    case waiting
    /// A `print` instant.
    case printMark
    /// A task that ended with an error.
    case failed
    /// A task that ended cancelled.
    case cancelled
    /// A task left waiting forever.
    case deadlocked
    /// The end of a task that had not finished when the recording stopped (a cut trace).
    case cut
    /// The time ruler and the legend's text.
    case ruler
}

/// One character cell of the grid.
public struct Cell: Sendable, Hashable {
    /// What to draw. A character two columns wide is followed by a cell holding `nil`.
    public var character: Character?
    public var style: CellStyle
    /// Whether the cell's time of its lane is on its run's critical path (when the layout shows it).
    public var isOnCriticalPath = false

    public init(_ character: Character?, _ style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell(" ")

    /// Marks the cell as on the critical path; a waiting cell takes the heavier glyph.
    mutating func markOnCriticalPath(_ glyphs: Glyphs) {
        isOnCriticalPath = true
        if style == .waiting { character = glyphs.criticalWaiting }
    }
}

/// What a row of the grid shows, so that a user interface can map rows back to runs and tasks.
public enum RowKind: Sendable, Hashable {
    case heading
    case blank
    /// The title of the run at this index of the trace.
    case runTitle(run: Int)
    /// The lane of a task: the run's index in the trace, the task's index in the run.
    case lane(run: Int, task: Int)
    /// A lock or semaphore of the run at this index: the resource's index in its ``PreparedRun/resources``.
    case resource(run: Int, resource: Int)
    /// The critical path of the run at this index: its state at each moment.
    case criticalPath(run: Int)
    case rulerTicks
    case rulerLabels
    case legend
}

/// A row of cells, exactly as wide as the grid.
public struct Row: Sendable, Hashable {
    public var kind: RowKind
    public var cells: [Cell]
}

/// The geometry of a grid: its width and where and how its time columns are.
public struct GridFrame: Sendable {
    /// Width in columns; every row has exactly this many cells.
    public var width: Int
    /// The time scale of the timeline columns.
    public var scale: TimeScale
    /// The first column of the timeline (the label column and a space come before it).
    public var timelineColumn: Int
}

/// The picture of a trace in a viewport: rows of cells, plus where the time columns are.
public struct Grid: Sendable {
    /// Width in columns; every row has exactly this many cells.
    public var width: Int
    public var rows: [Row]
    /// The time scale of the timeline columns.
    public var scale: TimeScale
    /// The first column of the timeline (the label column and a space come before it).
    public var timelineColumn: Int
}

extension Row {
    /// A row of `width` cells showing `text` from column `column`, clipped to the width.
    init(kind: RowKind, width: Int, text: String = "", at column: Int = 0, style: CellStyle = .plain) {
        self.kind = kind
        self.cells = Array(repeating: .blank, count: width)
        put(text, at: column, style: style)
    }

    /// Writes `text` from `column`, clipped at the row's end; wide characters take two cells.
    mutating func put(_ text: String, at column: Int, style: CellStyle) {
        var position = column
        for character in text {
            let width = DisplayWidth.of(character)
            guard position + width <= cells.count else { return }
            guard width > 0 else { continue }
            cells[position] = Cell(character, style)
            if width == 2 { cells[position + 1] = Cell(nil, style) }
            position += width
        }
    }
}
