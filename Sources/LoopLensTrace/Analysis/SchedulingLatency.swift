/// How long ready tasks waited for the loop (or a worker, or the GIL) to run them: from becoming
/// ready to running, over every such wait of a run. The scheduler's responsiveness in one line,
/// and where the waits fall in a histogram by decade.
public struct SchedulingLatency: Sendable, Hashable {
    public let count: Int
    public let minimum: Nanoseconds
    public let median: Nanoseconds
    public let p90: Nanoseconds
    public let p99: Nanoseconds
    public let maximum: Nanoseconds
    /// How many waits fall in each of ``bucketBounds``' decades: under 1 µs, 1–10 µs, …, 10 s and over.
    public let histogram: [Int]

    /// The upper bounds of the histogram's buckets but the last, which has none.
    public static let bucketBounds: [Nanoseconds] = [
        1_000, 10_000, 100_000, .perMillisecond, 10 * .perMillisecond, 100 * .perMillisecond, .perSecond, 10 * .perSecond,
    ]

    /// The statistics of `waits`, or `nil` when there are none.
    public init?(waits: [Nanoseconds]) {
        guard !waits.isEmpty else { return nil }
        let sorted = waits.sorted()
        // Nearest rank: the smallest wait that at least that share of the waits do not exceed.
        func percentile(_ share: Double) -> Nanoseconds { sorted[max(Int((share * Double(sorted.count)).rounded(.up)) - 1, 0)] }
        count = sorted.count
        (minimum, median, p90, p99, maximum) = (sorted[0], percentile(0.5), percentile(0.9), percentile(0.99), sorted[sorted.count - 1])
        var histogram = [Int](repeating: 0, count: Self.bucketBounds.count + 1)
        for wait in sorted { histogram[Self.bucketBounds.firstIndex { wait < $0 } ?? Self.bucketBounds.count] += 1 }
        self.histogram = histogram
    }

    /// `waiting to run (ready → running): 11 times, min 0 s, p50 …, max 2.50 s`, then one line
    /// per decade that has waits, with a bar of up to `barWidth` cells; when every wait was 0, the
    /// first line alone says so.
    public func lines(ascii: Bool = false, barWidth: Int = 30) -> [String] {
        func time(_ value: Nanoseconds) -> String { value.formatted(.summary, ascii: ascii) }
        let heading = "waiting to run (ready \(ascii ? "->" : "→") running): \(count) time\(count == 1 ? "" : "s")"
        guard maximum > 0 else { return [heading + ", every one 0 s"] }
        var lines = [
            heading + ", min \(time(minimum)), p50 \(time(median)), p90 \(time(p90)), p99 \(time(p99)), max \(time(maximum))"
        ]
        let buckets = histogram.indices.filter { histogram[$0] > 0 }
        let labels = buckets.map { bucket -> String in
            let compact = { (value: Nanoseconds) in value.formatted(.compact, ascii: ascii) }
            if bucket == 0 { return "under \(compact(Self.bucketBounds[0]))" }
            if bucket == Self.bucketBounds.count { return "\(compact(Self.bucketBounds[bucket - 1])) or more" }
            return "\(compact(Self.bucketBounds[bucket - 1]))\(ascii ? "-" : "–")\(compact(Self.bucketBounds[bucket]))"
        }
        let labelWidth = labels.map(\.count).max() ?? 0
        let largest = histogram.max() ?? 1
        for (label, bucket) in zip(labels, buckets) {
            let bar = String(repeating: ascii ? "#" : "█", count: max(1, histogram[bucket] * barWidth / largest))
            lines.append("  \(String(repeating: " ", count: labelWidth - label.count))\(label)  \(bar) \(histogram[bucket])")
        }
        return lines
    }
}
