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

/// The longest time LoopLens accepts anywhere: a duration, the sum of a scenario's durations, a
/// trace's time, a window's bound. 100 years is far beyond any real run, and twice it still fits
/// in an `Int64`, so that arithmetic on accepted times cannot overflow.
public enum TimeLimit {
    /// 100 years of 365.25 days, in nanoseconds.
    public static let nanoseconds: Nanoseconds = 3_155_760_000_000_000_000
    /// The limit in words, for messages.
    public static let description = "100 years"
}
