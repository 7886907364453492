import LoopLensTimeline
import LoopLensTrace

/// Which tasks of a run are alive when: the run is cut into equal time buckets, each listing the
/// tasks whose life overlaps it, so the footer can ask who is alive at the playhead without
/// looking at every task.
struct LiveTaskIndex: Sendable {
    private static let bucketCount = 1024
    private let scale: TimeScale
    private let buckets: [[Int32]]

    init(_ run: PreparedRun) {
        let scale = TimeScale(start: 0, end: run.run.duration + 1, columns: Self.bucketCount)
        var buckets = [[Int32]](repeating: [], count: Self.bucketCount)
        let events = run.run.events
        for task in run.events.tasks {
            let positions = run.events.positions(of: task)
            guard let first = positions.first, let last = positions.last else { continue }
            let end = TaskEnding(events[Int(last)]) == nil ? run.run.duration : events.time(at: Int(last))
            for bucket in scale.column(of: events.time(at: Int(first)))...scale.column(of: end) {
                buckets[bucket].append(Int32(task))
            }
        }
        self.scale = scale
        self.buckets = buckets
    }

    /// The tasks whose life may contain `time`, in task order (a superset: check their intervals).
    func tasksAlive(at time: Nanoseconds) -> [Int] {
        guard time >= scale.start, time < scale.end else { return [] }
        return buckets[scale.column(of: time)].map(Int.init)
    }
}
