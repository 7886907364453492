import Algorithms
import LoopLensTrace

extension ResourceUse {
    /// The timeline cells of this resource's lane up to `runEnd`: held cells in the running style,
    /// or the ready style while tasks queue for it; a lock's held stretch as a bar (`━`, `=` in
    /// ASCII) with its holder's name written at its start when it fits, a semaphore's as the number
    /// of permits in use (`+` for ten or more). Blank while nobody holds or wants it.
    func cells(scale: TimeScale, runEnd: Nanoseconds, glyphs: Glyphs, name: (Int) -> String) -> [Cell] {
        var holders = [Int](repeating: 0, count: scale.columns)
        var queued = [Bool](repeating: false, count: scale.columns)
        // Where a lock's holding by one task begins, and who.
        var holdings: [(column: Int, holder: Int)] = []
        var previousHolder: Int?
        var index = max(steps.partitioningIndex { $0.time > scale.start } - 1, 0)
        while index < steps.count, steps[index].time < scale.end {
            let step = steps[index]
            let end = index + 1 < steps.count ? steps[index + 1].time : runEnd
            index += 1
            defer { previousHolder = step.holder }
            guard step.holders > 0 || step.waiters > 0, let columns = scale.columns(from: step.time, to: end) else { continue }
            for column in columns {
                holders[column] = max(holders[column], step.holders)
                if step.waiters > 0 { queued[column] = true }
            }
            if let holder = step.holder, holder != previousHolder { holdings.append((columns.lowerBound, holder)) }
        }
        var cells = holders.indices.map { column -> Cell in
            guard holders[column] > 0 || queued[column] else { return .blank }
            let style: CellStyle = queued[column] ? .ready : .running
            guard holders[column] > 0 else { return Cell(glyphs.ready, .ready) }
            let character: Character =
                kind == .lock ? glyphs.criticalWaiting : (holders[column] < 10 ? Character(String(holders[column])) : "+")
            return Cell(character, style)
        }
        // Each holder's name from where its holding starts, while the bar lasts.
        for (number, holding) in holdings.enumerated() {
            let stop = number + 1 < holdings.count ? holdings[number + 1].column : cells.count
            var column = holding.column
            for character in glyphs.displayable(name(holding.holder)) {
                guard column < stop, holders[column] > 0, DisplayWidth.of(String(character)) == 1 else { break }
                cells[column].character = character
                column += 1
            }
        }
        return cells
    }
}
