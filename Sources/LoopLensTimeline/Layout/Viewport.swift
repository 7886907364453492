import LoopLensTrace

/// What part of a trace to lay out, and how.
public struct Viewport: Sendable, Hashable {
    /// The time window; `nil` shows from 0 to the end of the longest run.
    public var window: ClosedRange<Nanoseconds>?
    /// The grid's width in columns.
    public var width: Int
    /// The names of the runs to show, in the trace's order; `nil` shows all.
    public var runs: [String]?
    /// Shows only lanes whose name matches (a case-insensitive substring, or a glob with `*` and `?`).
    public var lanes: String?
    public var glyphs: Glyphs
    /// Per run name, which of its (filtered) lanes to show; runs not listed show all their lanes.
    public var laneRanges: [String: Range<Int>] = [:]
    /// The width of the name column; `nil` fits the longest name (up to a limit). Give the same
    /// width to grids that must line up, such as runs shown side by side.
    public var labelWidth: Int?
    /// Whether the grid starts with the scenario's title.
    public var showsHeading = true
    /// Whether the grid ends with the legend.
    public var showsLegend = true
    /// Whether each run's locks and semaphores get lanes under its tasks (when the trace records
    /// who takes them).
    public var showsResources = true
    /// Whether each run's critical path is marked on its lanes and drawn in a row under them
    /// (for the runs of a ``PreparedTrace`` prepared ``PreparedTrace/withCriticalPaths()``).
    public var showsCriticalPath = false

    /// The narrowest grid that still has room for names and a timeline.
    public static let minimumWidth = 40

    public init(window: ClosedRange<Nanoseconds>? = nil, width: Int, runs: [String]? = nil, lanes: String? = nil, glyphs: Glyphs = .unicode)
    {
        self.window = window
        self.width = width
        self.runs = runs
        self.lanes = lanes
        self.glyphs = glyphs
    }
}
