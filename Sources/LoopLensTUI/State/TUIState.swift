import LoopLensInsight
import LoopLensTimeline
import LoopLensTrace

/// Everything the TUI shows, as a value: changed by pure key handlers, turned into a screen by
/// ``ScreenBuilder``. No curses here.
public struct TUIState: Sendable {
    /// What the screen shows over the timeline.
    public enum Mode: Sendable, Hashable {
        case timeline
        case help
        /// The selected task's details, scrolled by this many lines.
        case details(scroll: Int)
        /// The ready queue at the playhead, scrolled by this many lines.
        case readyQueue(scroll: Int)
        /// Typing a lane filter after `/`.
        case filtering
        /// The findings, with this one selected.
        case findings(selected: Int)
    }

    public internal(set) var prepared: PreparedTrace
    /// Per run, who runs, is ready and waits when (for the footer and the ready queue).
    private(set) var occupancy: [StateOccupancy]
    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    /// The time window shown.
    public var window: ClosedRange<Nanoseconds>
    public var playhead: Nanoseconds = 0
    public var isPlaying = false
    /// Off during playback: the cells after the playhead are dimmed, so the run unfolds as it happened.
    public var revealsAll = true
    /// Index into ``playbackSpeeds``.
    public var speedIndex = 2
    /// The focused run (its index in the trace).
    public var focusedRun = 0
    /// The selected lane, as an index into the focused run's filtered lanes.
    public var selectedLane = 0
    /// Per run, the first lane shown.
    public var laneOffsets: [Int]
    public var filter = ""
    public var mode = Mode.timeline
    /// Whether each run's critical path is marked (`p`).
    public internal(set) var showsCriticalPath = false
    /// What `looplens check` finds in the trace, worked out when the findings panel first opens.
    public internal(set) var findings: [Finding]?
    /// Runs side by side in columns instead of stacked.
    public var showsColumns = false
    public var wantsToQuit = false
    /// Set while the trace is followed as it grows (`trace --live`, `replay --follow`).
    public var live: LiveView?

    /// Playback speeds; at 1× the window sweeps by in ``sweepSeconds``.
    public static let playbackSpeeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    public static let sweepSeconds: Double = 10
    /// The smallest terminal the TUI draws in.
    public static let minimumWidth = 50
    public static let minimumHeight = 12

    public init(trace: Trace, width: Int, height: Int, glyphs: Glyphs = .unicode) {
        prepared = PreparedTrace(trace)
        occupancy = prepared.runs.map { StateOccupancy($0.run) }
        self.width = width
        self.height = height
        self.glyphs = glyphs
        window = 0...max(prepared.duration, 1)
        laneOffsets = Array(repeating: 0, count: trace.runs.count)
    }

    /// Starts following the trace as it grows (``update(_:)`` brings each new version), with *now*
    /// at the right edge.
    public mutating func startFollowing(status: String) {
        live = LiveView(status: status)
        followNow()
    }

    /// Takes a newer version of a followed trace: the lanes and runs stay selected as they were, and
    /// while the view follows *now*, the playhead and the window's right edge move to it.
    public mutating func update(_ trace: Trace) {
        let selected = selectedTask
        prepared = PreparedTrace(trace)
        occupancy = prepared.runs.map { StateOccupancy($0.run) }
        findings = nil
        if case .findings = mode { mode = .timeline }
        if showsCriticalPath { prepared = prepared.withCriticalPaths() }
        laneOffsets += Array(repeating: 0, count: max(trace.runs.count - laneOffsets.count, 0))
        focusedRun = min(focusedRun, max(trace.runs.count - 1, 0))
        if let selected, let lane = focusedLanes.firstIndex(where: { $0.task == selected }) { selectedLane = lane }
        if live?.followsNow == true { followNow() }
    }

    /// Puts the playhead at the end of the followed trace (now), with the window showing all of it
    /// or, once zoomed, ending there.
    mutating func followNow() {
        let end = prepared.duration
        playhead = end
        if live?.showsAll != false {
            window = 0...max(end, 1)
        } else {
            let span = window.upperBound - window.lowerBound
            let start = max(end - span, 0)
            window = start...(start + span)
        }
    }

    /// Starts playback from the beginning, as `looplens replay` does.
    public mutating func startReplay() {
        playhead = window.lowerBound
        isPlaying = true
        revealsAll = false
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The viewport the timeline is laid out in (before per-pane lane ranges).
    var viewport: Viewport {
        var viewport = Viewport(
            window: window, width: showsColumns ? max(width / max(prepared.runs.count, 1), Viewport.minimumWidth) : width,
            lanes: filter.isEmpty ? nil : filter, glyphs: glyphs)
        viewport.showsHeading = false
        viewport.showsCriticalPath = showsCriticalPath
        viewport.labelWidth = TimelineLayout.labelWidth(for: prepared, in: viewport)
        return viewport
    }

    /// The focused run's lanes after the filter.
    var focusedLanes: [Lane] { prepared.runs[focusedRun].lanes(matching: filter) }

    /// The selected task, if the focused run has lanes.
    public var selectedTask: Int? {
        let lanes = focusedLanes
        return lanes.indices.contains(selectedLane) ? lanes[selectedLane].task : nil
    }

    /// How much time one timeline column covers.
    var timePerColumn: Nanoseconds {
        let viewport = viewport
        let start = TimelineLayout.timelineColumn(labelWidth: viewport.labelWidth ?? 0, width: viewport.width)
        let columns = max(viewport.width - start, 1)
        return max((window.upperBound - window.lowerBound) / Nanoseconds(columns), 1)
    }

    /// How many lanes each run's pane shows at this size.
    var lanesPerPane: Int { ScreenBuilder.layout(of: self).lanesPerPane }
}
