import LoopLensTrace

/// The time ruler: tick marks at round times, and their labels.
struct Ruler {
    /// The tick times, a round step apart, and the unit their labels use.
    let ticks: [Nanoseconds]
    let unit: (nanoseconds: Nanoseconds, suffix: String)

    /// Labels should be at least this many columns apart.
    static let minimumSpacing = 10

    init(scale: TimeScale, glyphs: Glyphs) {
        // In floating point, capped, so that neither this nor the search below can overflow.
        let span = Double(scale.span) * Double(Self.minimumSpacing) / Double(scale.columns)
        let minimumStep = max(Nanoseconds(min(span, 4e18)), 1)
        var magnitude: Nanoseconds = 1
        var step: Nanoseconds = 1
        search: while true {
            for multiple: Nanoseconds in [1, 2, 5] where magnitude * multiple >= minimumStep {
                step = magnitude * multiple
                break search
            }
            magnitude *= 10
        }
        let micro = glyphs.isASCII ? "us" : "µs"
        unit =
            step >= 100 * .perMillisecond
            ? (.perSecond, "s")
            : step >= 100 * .perMicrosecond
                ? (.perMillisecond, "ms")
                : step >= 100 ? (.perMicrosecond, micro) : (1, "ns")
        let firstTick = (scale.start + step - 1) / step * step
        ticks = Array(stride(from: firstTick, to: scale.end + 1, by: Int(step)))
    }

    /// `time` in the ruler's unit with as many decimals as it needs: `0s`, `0.5s`, `1.25s`.
    func label(_ time: Nanoseconds) -> String {
        let whole = time / unit.nanoseconds
        var fraction = String(time % unit.nanoseconds)
        let digits = String(unit.nanoseconds - 1).count
        if unit.nanoseconds == 1 { fraction = "" }
        fraction = String(repeating: "0", count: max(digits - fraction.count, 0)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole)\(fraction.isEmpty ? "" : "." + fraction)\(unit.suffix)"
    }

    /// The tick row and the label row, over the timeline columns.
    func rows(scale: TimeScale, glyphs: Glyphs) -> (ticks: [Cell], labels: [Cell]) {
        var tickCells = Array(repeating: Cell(glyphs.rulerLine, .ruler), count: scale.columns)
        var labelRow = Row(kind: .rulerLabels, width: scale.columns)
        var nextFree = 0
        for tick in ticks {
            let column = scale.column(of: tick)
            tickCells[column] = Cell(glyphs.rulerTick, .ruler)
            let text = label(tick)
            // A label starts at its tick; one that would run off the end ends at the last column.
            let start = min(column, scale.columns - text.count)
            guard start >= nextFree else { continue }
            labelRow.put(text, at: start, style: .ruler)
            nextFree = start + text.count + 1
        }
        return (tickCells, labelRow.cells)
    }
}
