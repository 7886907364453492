import LoopLensTimeline
import LoopLensTrace
import Synchronization

/// Which tasks of a run are alive when, so that the footer can ask who is alive at the playhead
/// without looking at every task. The run is cut into equal time buckets, each listing the tasks
/// whose life overlaps it; a task that lives across more than a few buckets is kept once in a list
/// of long lives instead, checked against its start and end: listed in every bucket, 200 000 tasks
/// alive from start to end took 800 MB.
struct LiveTaskIndex: Sendable {
    private static let bucketCount = 1024
    /// A life across more buckets than this is a long one.
    private static let longestBucketedLife = 8
    private let scale: TimeScale
    private let buckets: [[Int32]]
    /// The long-lived tasks, in task order, with their first and last instants.
    private let longLived: [(task: Int32, start: Nanoseconds, end: Nanoseconds)]
    /// Per task, where its state was found for the last frame (see
    /// ``Run/taskState(of:events:at:hint:)``): kept across frames, which are drawn one at a time.
    private let hints: Hints

    /// A reference, so that frames drawn from copies of the state share it.
    private final class Hints: Sendable {
        let values: Mutex<[Int]>
        init(count: Int) { values = Mutex([Int](repeating: -1, count: count)) }
    }

    init(_ run: PreparedRun) {
        let scale = TimeScale(start: 0, end: run.run.duration + 1, columns: Self.bucketCount)
        var buckets = [[Int32]](repeating: [], count: Self.bucketCount)
        var longLived: [(task: Int32, start: Nanoseconds, end: Nanoseconds)] = []
        let events = run.run.events
        for task in run.events.tasks.sorted() {
            let positions = run.events.positions(of: task)
            guard let first = positions.first else { continue }
            let start = events.time(at: Int(first))
            let end = run.run.ending(ofEvents: positions)?.time ?? run.run.duration
            let lifeBuckets = scale.column(of: start)...scale.column(of: end)
            if lifeBuckets.count > Self.longestBucketedLife {
                longLived.append((Int32(task), start, end))
            } else {
                for bucket in lifeBuckets { buckets[bucket].append(Int32(task)) }
            }
        }
        self.scale = scale
        self.buckets = buckets
        self.longLived = longLived
        hints = Hints(count: run.run.tasks.count)
    }

    /// Calls `body` with the hints of every task, to read and update.
    func withHints<Result>(_ body: (inout [Int]) -> Result) -> Result {
        hints.values.withLock { body(&$0) }
    }

    /// The tasks whose life may contain `time`, in task order (a superset: check their states).
    func tasksAlive(at time: Nanoseconds) -> [Int] {
        guard time >= scale.start, time < scale.end else { return [] }
        let bucketed = buckets[scale.column(of: time)]
        var alive: [Int] = []
        alive.reserveCapacity(bucketed.count + longLived.count)
        var next = 0
        for life in longLived where life.start <= time && time <= life.end {
            while next < bucketed.count, bucketed[next] < life.task {
                alive.append(Int(bucketed[next]))
                next += 1
            }
            alive.append(Int(life.task))
        }
        alive += bucketed[next...].map(Int.init)
        return alive
    }
}
