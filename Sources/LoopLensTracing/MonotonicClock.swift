#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the system's monotonic clock in integer nanoseconds: the `monotonic` clock of a trace.
enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (the system's boot, on Linux).
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
