import LoopLensTrace

/// Maps time to timeline columns: the one place where that happens.
///
/// Column `c` covers the half-open slice `[start + span·c/columns, start + span·(c+1)/columns)`,
/// computed with full-width integer arithmetic so that no window overflows.
public struct TimeScale: Sendable, Hashable {
    /// The first instant shown.
    public var start: Nanoseconds
    /// The instant just after the last one shown; greater than `start`.
    public var end: Nanoseconds
    /// How many columns show the window.
    public var columns: Int

    public init(start: Nanoseconds, end: Nanoseconds, columns: Int) {
        self.start = start
        self.end = max(end, start + 1)
        self.columns = max(columns, 1)
    }

    public var span: Nanoseconds { end - start }

    /// The instants shown, `start...end`.
    public var window: ClosedRange<Nanoseconds> { start...end }

    /// The column showing instant `time`, clamped to the window.
    public func column(of time: Nanoseconds) -> Int {
        guard time > start else { return 0 }
        guard time < end else { return columns - 1 }
        let product = (time - start).multipliedFullWidth(by: Int64(columns))
        return Int(span.dividingFullWidth(product).quotient)
    }

    /// The first instant of column `column`.
    public func time(atColumn column: Int) -> Nanoseconds {
        let product = span.multipliedFullWidth(by: Int64(column))
        return start + Int64(columns).dividingFullWidth(product).quotient
    }

    /// The columns that `[from, to)` touches, if it overlaps the window.
    public func columns(from: Nanoseconds, to: Nanoseconds) -> ClosedRange<Int>? {
        guard to > start, from < end, to > from else { return nil }
        return column(of: from)...column(of: to - 1)
    }
}
