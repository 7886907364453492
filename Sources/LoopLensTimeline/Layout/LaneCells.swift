import Algorithms
import LoopLensTrace

/// An instant drawn on top of a lane's states: a print, a failure, a cancellation, a deadlock.
struct Mark: Sendable {
    var time: Nanoseconds
    var style: CellStyle

    /// Which mark wins when several fall in one cell.
    var priority: Int {
        switch style {
        case .deadlocked, .cut: 4
        case .failed: 3
        case .cancelled: 2
        default: 1
        }
    }

    /// The marks among one task's events (at `positions` in `run`'s log, in time order) within
    /// `window`, and the cut mark at the end of a task that a finished recording left unfinished.
    static func marks(of run: Run, events positions: ArraySlice<Int32>, in window: ClosedRange<Nanoseconds>) -> [Mark] {
        var marks: [Mark] = []
        var index = positions.partitioningIndex { run.events.time(at: Int($0)) >= window.lowerBound }
        while index < positions.endIndex, case let position = Int(positions[index]), run.events.time(at: position) <= window.upperBound {
            index += 1
            let style: CellStyle
            switch run.events.kind(at: position) {
            case .print: style = .printMark
            case .deadlock: style = .deadlocked
            case .finish:
                switch run.events[position].detail {
                case .outcome(.error, _)?: style = .failed
                case .outcome(.cancelled, _)?: style = .cancelled
                default: continue
                }
            default: continue
            }
            marks.append(Mark(time: run.events.time(at: position), style: style))
        }
        if run.recordedUntil == 0, run.ending(ofEvents: positions) == nil, window.contains(run.duration) {
            marks.append(Mark(time: run.duration, style: .cut))
        }
        return marks
    }
}

extension TaskTimeline {
    /// The timeline cells of this task's lane.
    ///
    /// A cell covers a slice of time that may hold several states; it shows the one that matters
    /// most (running over ready over waiting), so a 1 µs burst inside a 10 ms cell stays visible.
    /// A cell where the task went between running and ready more than once (threads taking turns
    /// at the GIL, `sleep(0)` rounds) shows the mix instead, so a zoomed-out lane that shares the
    /// processor does not look like one that owns it; a single hand-over stays running. Marks are drawn over states. Cells outside
    /// the task's life stay blank.
    func cells(marks: [Mark], scale: TimeScale, glyphs: Glyphs) -> [Cell] {
        var best = [TaskState.Category?](repeating: nil, count: scale.columns)
        var turns = [UInt8](repeating: 0, count: scale.columns)
        var hasReady = [Bool](repeating: false, count: scale.columns)
        var first = intervals.partitioningIndex { $0.end > scale.start }
        while first < intervals.count, intervals[first].start < scale.end {
            let interval = intervals[first]
            first += 1
            guard let columns = scale.columns(from: interval.start, to: interval.end) else { continue }
            let category = interval.state.category
            for column in columns {
                if best[column].map({ $0 < category }) ?? true { best[column] = category }
                guard category != .waiting else { continue }
                turns[column] = min(turns[column] + 1, 3)
                if category == .ready { hasReady[column] = true }
            }
        }
        var cells = best.indices.map { column -> Cell in
            guard let category = best[column] else { return .blank }
            let style: CellStyle =
                switch category {
                case .running where turns[column] > 2 && hasReady[column]: .runningAndReady
                case .running: .running
                case .ready: .ready
                case .waiting: .waiting
                }
            return Cell(glyphs.character(for: style), style)
        }
        var markPriority = [Int](repeating: 0, count: scale.columns)
        for mark in marks where mark.time >= scale.start && mark.time <= scale.end {
            let column = scale.column(of: mark.time)
            guard mark.priority > markPriority[column] else { continue }
            markPriority[column] = mark.priority
            cells[column] = Cell(glyphs.character(for: mark.style), mark.style)
        }
        return cells
    }
}
