import Algorithms
import LoopLensInsight
import LoopLensTimeline
import LoopLensTrace

extension TUIState {
    /// Applies one key press. Pure: the state changes, nothing is drawn.
    public mutating func handle(_ key: Key) {
        if case .resize(let width, let height) = key {
            self.width = width
            self.height = height
            keepSelectionVisible()
            return
        }
        if key == .interrupt {
            wantsToQuit = true
            return
        }
        switch mode {
        case .filtering:
            handleFilterKey(key)
        case .help:
            if [.escape, .enter, .character("q"), .character("?")].contains(key) { mode = .timeline }
        case .details(let scroll), .readyQueue(let scroll):
            let isDetails = mode == .details(scroll: scroll)
            func scrolled(to line: Int) -> Mode { isDetails ? .details(scroll: max(line, 0)) : .readyQueue(scroll: max(line, 0)) }
            switch key {
            case .up, .character("k"): mode = scrolled(to: scroll - 1)
            case .down, .character("j"): mode = scrolled(to: scroll + 1)
            case .pageUp: mode = scrolled(to: scroll - 10)
            case .pageDown: mode = scrolled(to: scroll + 10)
            case .escape, .enter, .character("q"): mode = .timeline
            case .character("r") where !isDetails: mode = .timeline
            default: break
            }
        case .findings(let selected):
            handleFindingsKey(key, selected: selected)
        case .timeline:
            handleTimelineKey(key)
        }
    }

    /// In the findings panel: ↑/↓ choose a finding, Enter shows it on the timeline.
    private mutating func handleFindingsKey(_ key: Key, selected: Int) {
        let count = findings?.count ?? 0
        switch key {
        case .up, .character("k"): mode = .findings(selected: max(selected - 1, 0))
        case .down, .character("j"): mode = .findings(selected: min(selected + 1, max(count - 1, 0)))
        case .enter:
            mode = .timeline
            if let findings, findings.indices.contains(selected) { show(findings[selected]) }
        case .escape, .character("q"), .character("w"): mode = .timeline
        default: break
        }
    }

    /// Focuses the finding's run, selects the lane of the task it blames (clearing a filter that
    /// hides it), and puts the playhead at its start, zooming out if its span does not fit.
    mutating func show(_ finding: Finding) {
        guard let run = prepared.runs.firstIndex(where: { $0.run.name == finding.run }) else { return }
        focus(run: run)
        if let task = finding.tasks.first {
            if !focusedLanes.contains(where: { $0.task == task }) { setFilter("") }
            if let lane = focusedLanes.firstIndex(where: { $0.task == task }) { selectLane(lane) }
        }
        if finding.end - finding.start > window.upperBound - window.lowerBound {
            let margin = (finding.end - finding.start) / 10
            window = max(finding.start - margin, 0)...(finding.end + margin)
        }
        movePlayhead(to: finding.start)
    }

    private mutating func handleTimelineKey(_ key: Key) {
        if live != nil, handleLiveKey(key) { return }
        switch key {
        case .character("q"): wantsToQuit = true
        case .character("?"): mode = .help
        case .character(" "): togglePlayback()
        case .character("<"): speedIndex = max(speedIndex - 1, 0)
        case .character(">"): speedIndex = min(speedIndex + 1, Self.playbackSpeeds.count - 1)
        case .left, .character("h"): movePlayhead(to: playhead - timePerColumn)
        case .right, .character("l"): movePlayhead(to: playhead + timePerColumn)
        case .character("H"): movePlayhead(to: playhead - (window.upperBound - window.lowerBound))
        case .character("L"): movePlayhead(to: playhead + (window.upperBound - window.lowerBound))
        case .character("["): previousEvent().map { movePlayhead(to: $0) }
        case .character("]"): nextEvent().map { movePlayhead(to: $0) }
        case .character("g"), .home: movePlayhead(to: 0)
        case .character("G"), .end: movePlayhead(to: prepared.duration)
        case .character("+"), .character("="): zoom(by: 0.5)
        case .character("-"), .character("_"): zoom(by: 2)
        case .character("0"): window = 0...max(prepared.duration, 1)
        case .up, .character("k"): selectLane(selectedLane - 1)
        case .down, .character("j"): selectLane(selectedLane + 1)
        case .pageUp: selectLane(selectedLane - lanesPerPane)
        case .pageDown: selectLane(selectedLane + lanesPerPane)
        case .wheelUp: scrollLanes(by: -3)
        case .wheelDown: scrollLanes(by: 3)
        case .tab: focus(run: (focusedRun + 1) % max(prepared.runs.count, 1))
        case .character("/"): mode = .filtering
        case .escape: setFilter("")
        case .enter: if selectedTask != nil { mode = .details(scroll: 0) }
        case .character("r"): mode = .readyQueue(scroll: 0)
        case .character("w"):
            // Checked with the layout's own event indexes, as `export` does.
            if findings == nil { findings = Checker.findings(in: prepared.trace, indexes: prepared.runs.map(\.events)) }
            mode = .findings(selected: 0)
        case .character("c"): showsColumns.toggle()
        case .character("p"):
            showsCriticalPath.toggle()
            if showsCriticalPath { prepared = prepared.withCriticalPaths() }
            keepSelectionVisible()
        case .click(let column, let row): click(column: column, row: row)
        default: break
        }
    }

    /// What keys mean while a live trace is followed: Space pauses and resumes following now, `G`
    /// resumes it, moving the playhead pauses it, zooming fixes the window's span. Returns whether
    /// the key is fully handled here.
    private mutating func handleLiveKey(_ key: Key) -> Bool {
        switch key {
        case .character(" "):
            live?.followsNow.toggle()
        case .character("G"), .end:
            live?.followsNow = true
        case .character("0"):
            live?.showsAll = true
            return false
        case .character("+"), .character("="), .character("-"), .character("_"):
            live?.showsAll = false
            return false
        case .left, .right, .character("h"), .character("l"), .character("H"), .character("L"), .character("["), .character("]"),
            .character("g"), .home, .click:
            live?.followsNow = false
            return false
        default:
            return false
        }
        if live?.followsNow == true { followNow() }
        return true
    }

    private mutating func handleFilterKey(_ key: Key) {
        switch key {
        case .enter: mode = .timeline
        case .escape:
            setFilter("")
            mode = .timeline
        case .backspace: setFilter(String(filter.dropLast()))
        case .character(let character) where !character.isNewline: setFilter(filter + String(character))
        default: break
        }
    }

    private mutating func setFilter(_ text: String) {
        filter = text
        selectedLane = 0
        laneOffsets = laneOffsets.map { _ in 0 }
    }

    // MARK: - Time

    private mutating func togglePlayback() {
        if isPlaying {
            isPlaying = false
            return
        }
        if playhead >= prepared.duration { movePlayhead(to: 0) }
        isPlaying = true
        revealsAll = false
    }

    /// Moves playback on by `nanoseconds` of real time.
    public mutating func advance(byRealNanoseconds nanoseconds: Int64) {
        guard isPlaying else { return }
        let span = Double(window.upperBound - window.lowerBound)
        let rate = span / (Self.sweepSeconds * 1e9) * Self.playbackSpeeds[speedIndex]
        let step = max(Nanoseconds(Double(nanoseconds) * rate), 1)
        movePlayhead(to: playhead + step)
        if playhead >= prepared.duration { isPlaying = false }
    }

    /// Puts the playhead at `time` (within the trace), panning the window to keep it in view.
    mutating func movePlayhead(to time: Nanoseconds) {
        playhead = min(max(time, 0), prepared.duration)
        let span = window.upperBound - window.lowerBound
        if playhead < window.lowerBound {
            window = playhead...(playhead + span)
        } else if playhead > window.upperBound {
            window = (playhead - span)...playhead
        }
    }

    /// Zooms by `factor` (0.5 halves the span) around the playhead, keeping it at the same place on screen.
    private mutating func zoom(by factor: Double) {
        let span = Double(window.upperBound - window.lowerBound)
        let newSpan = min(max(span * factor, 10), Double(max(prepared.duration, 10)) * 4, Double(TimeLimit.nanoseconds))
        let fraction = span > 0 ? Double(playhead - window.lowerBound) / span : 0
        let start = max(Nanoseconds(Double(playhead) - fraction * newSpan), 0)
        window = start...(start + Nanoseconds(newSpan))
    }

    private func nextEvent() -> Nanoseconds? {
        let events = prepared.runs[focusedRun].run.events
        let index = events.indices.partitioningIndex { events[$0].time > playhead }
        return index < events.count ? events[index].time : nil
    }

    private func previousEvent() -> Nanoseconds? {
        let events = prepared.runs[focusedRun].run.events
        let index = events.indices.partitioningIndex { events[$0].time >= playhead }
        return index > 0 ? events[index - 1].time : nil
    }

    // MARK: - Lanes

    private mutating func selectLane(_ lane: Int) {
        selectedLane = min(max(lane, 0), max(focusedLanes.count - 1, 0))
        keepSelectionVisible()
    }

    private mutating func focus(run: Int) {
        focusedRun = run
        selectedLane = min(selectedLane, max(focusedLanes.count - 1, 0))
        keepSelectionVisible()
    }

    private mutating func scrollLanes(by delta: Int) {
        let count = focusedLanes.count
        laneOffsets[focusedRun] = min(max(laneOffsets[focusedRun] + delta, 0), max(count - lanesPerPane, 0))
        selectedLane = min(max(selectedLane, laneOffsets[focusedRun]), laneOffsets[focusedRun] + lanesPerPane - 1)
        selectedLane = min(selectedLane, max(count - 1, 0))
    }

    mutating func keepSelectionVisible() {
        guard prepared.runs.indices.contains(focusedRun) else { return }
        let perPane = lanesPerPane
        if selectedLane < laneOffsets[focusedRun] { laneOffsets[focusedRun] = selectedLane }
        if selectedLane >= laneOffsets[focusedRun] + perPane { laneOffsets[focusedRun] = selectedLane - perPane + 1 }
    }

    /// A click on a lane selects it (and focuses its run); a click on the timeline moves the playhead there.
    private mutating func click(column: Int, row: Int) {
        let layout = ScreenBuilder.layout(of: self)
        guard let target = layout.hit(column: column, row: row) else { return }
        if let run = target.run, let lane = target.lane {
            focusedRun = run
            selectedLane = lane
        }
        if let time = target.time { movePlayhead(to: time) }
    }
}
