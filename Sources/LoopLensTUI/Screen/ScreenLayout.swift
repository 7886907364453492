import LoopLensTimeline
import LoopLensTrace

/// Where things are on the screen: which rows are lanes, where the timeline columns start, and
/// the time scale. Built with the screen, and used to hit-test mouse clicks.
struct ScreenLayout {
    struct Pane {
        /// The screen column where this pane's grid starts.
        var origin: Int
        var grid: Grid
        /// The screen row of the grid's first row.
        var top: Int
        /// Per run, the first filtered lane shown.
        var firstLanes: [Int]

        func firstLane(of run: Int) -> Int { firstLanes.indices.contains(run) ? firstLanes[run] : 0 }
    }

    var panes: [Pane]
    /// Lanes shown per run.
    var lanesPerPane: Int

    /// The run, lane and time under a screen cell.
    func hit(column: Int, row: Int) -> (run: Int?, lane: Int?, time: Nanoseconds?)? {
        for pane in panes {
            let gridRow = row - pane.top
            guard pane.grid.rows.indices.contains(gridRow), column >= pane.origin, column < pane.origin + pane.grid.width else { continue }
            let timelineStart = pane.origin + pane.grid.timelineColumn
            let time = column >= timelineStart ? pane.grid.scale.time(atColumn: column - timelineStart) : nil
            if case .lane(let run, _) = pane.grid.rows[gridRow].kind {
                let lanesBefore = pane.grid.rows[..<gridRow].filter {
                    if case .lane(run, _) = $0.kind { true } else { false }
                }.count
                return (run, pane.firstLane(of: run) + lanesBefore, time)
            }
            return (nil, nil, time)
        }
        return nil
    }
}
