#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the system's monotonic clock (CLOCK_MONOTONIC) in integer nanoseconds: the `monotonic`
/// clock of a trace, which the Swift tracer stamps events with and a live trace's `origin` is
/// given in (Python's `perf_counter_ns` reads the same clock on Linux).
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (the system's boot, on Linux).
    @inlinable
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
