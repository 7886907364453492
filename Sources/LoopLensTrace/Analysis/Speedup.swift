/// How many times faster a run is than a baseline run (usually `sequential`).
public struct Speedup: Sendable, Hashable {
    /// The baseline's total time divided by the run's, rounded to hundredths.
    public let hundredths: Int

    /// The speedup of `run` over `baseline`, or nil when `run` took no time.
    public init?(of run: Run, over baseline: Run) {
        guard run.duration > 0 else { return nil }
        // Capped: 100 years over 1 ns would not fit in an Int (and no such speedup means anything).
        hundredths = Int(min((Double(baseline.duration) / Double(run.duration) * 100).rounded(), 1e15))
    }

    /// `3.00×` (or `3.00x` with `times: "x"`).
    public func formatted(times: String = "×") -> String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)\(times)"
    }

    /// `3.00× faster than sequential`, `as fast as sequential`, `0.50× the speed of sequential`.
    public func described(comparedWith baseline: String, times: String = "×") -> String {
        if hundredths == 100 { return "as fast as \(baseline)" }
        return formatted(times: times) + (hundredths > 100 ? " faster than \(baseline)" : " the speed of \(baseline)")
    }
}
