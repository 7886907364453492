/// Human-readable durations, for summaries, rulers and wait descriptions.
public enum DurationFormat: Sendable {
    /// Two decimals and a spaced unit: `6.00 s`, `150.00 ms`, `20.00 µs`, `500 ns`.
    case summary
    /// The shortest exact form: `2s`, `1.5s`, `150ms`, `20µs`, `500ns`.
    case compact
}

extension Nanoseconds {
    /// The duration as text; `ascii` writes `us` for microseconds.
    public func formatted(_ format: DurationFormat, ascii: Bool = false) -> String {
        let micro = ascii ? "us" : "µs"
        let units: [(Nanoseconds, String)] = [(.perSecond, "s"), (.perMillisecond, "ms"), (.perMicrosecond, micro)]
        if self == 0 { return format == .summary ? "0 s" : "0s" }
        let magnitude = self.magnitude
        let sign = self < 0 ? "-" : ""
        for (scale, unit) in units where magnitude >= UInt64(scale) {
            switch format {
            case .summary:
                // In two parts, so that no product overflows however long the duration.
                let hundredths = magnitude / UInt64(scale) * 100 + (magnitude % UInt64(scale) * 100 + UInt64(scale) / 2) / UInt64(scale)
                let fraction = hundredths % 100
                return "\(sign)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) \(unit)"
            case .compact:
                var fraction = String(magnitude % UInt64(scale))
                fraction = String(repeating: "0", count: String(scale - 1).count - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                return "\(sign)\(magnitude / UInt64(scale))\(fraction.isEmpty ? "" : "." + fraction)\(unit)"
            }
        }
        return format == .summary ? "\(self) ns" : "\(self)ns"
    }
}
