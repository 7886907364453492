/// A point or a span of time in integer nanoseconds. Trace times count from the start of their run.
public typealias Nanoseconds = Int64

extension Nanoseconds {
    /// Nanoseconds in one second.
    public static let perSecond: Nanoseconds = 1_000_000_000
    /// Nanoseconds in one millisecond.
    public static let perMillisecond: Nanoseconds = 1_000_000
    /// Nanoseconds in one microsecond.
    public static let perMicrosecond: Nanoseconds = 1_000
}
