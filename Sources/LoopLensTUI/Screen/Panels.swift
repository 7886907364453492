import LoopLensTimeline
import LoopLensTrace

/// The panels drawn over the timeline: help, task details, the ready queue.
enum Panels {
    static let help = [
        "q, Ctrl-C       quit",
        "?               this help (any of Esc, Enter, q, ? closes it)",
        "Space           play / pause (cells after the playhead dim);",
        "                live: pause / follow now (G follows too)",
        "< >             slower / faster playback",
        "Left Right h l  move the playhead one column",
        "H L             move the playhead one page",
        "[ ]             previous / next event of the focused run",
        "g G  Home End   start / end of the trace",
        "+ -             zoom in / out around the playhead",
        "0               fit the whole trace",
        "Up Down k j     select a lane",
        "PgUp PgDn       scroll the lanes a page",
        "Tab             focus the next run",
        "c               runs side by side / stacked",
        "p               mark each run's critical path (and a row drawing it)",
        "/               filter lanes by name (Esc clears)",
        "Enter           details of the selected task (k j PgUp PgDn scroll)",
        "r               ready queue, locks and semaphores at the playhead (k j PgUp PgDn)",
        "w               what went wrong: findings (k j choose, Enter shows one)",
        "mouse           click: select a lane, move the playhead; wheel: scroll",
    ]

    /// The selected task: parent, children, time per state with percentages, its waits to run
    /// (percentiles and a histogram), and every event.
    static func details(_ state: TUIState) -> [String] {
        guard let task = state.selectedTask else { return ["No task selected."] }
        let glyphs = state.glyphs
        let prepared = state.prepared.runs[state.focusedRun]
        let run = prepared.run
        let timeline = prepared.timeline(of: task)
        let ascii = glyphs.isASCII
        let name = { (index: Int) in glyphs.displayable(run.tasks[index].name) }
        let children = run.tasks.indices.filter { run.tasks[$0].parent == task }.map(name)
        let life = timeline.end - timeline.start
        func share(_ value: Nanoseconds) -> String {
            let percent = life > 0 ? Int((Double(value) * 100 / Double(life)).rounded()) : 0
            return value.formatted(.summary, ascii: ascii).padding(toWidth: 10) + "\(percent)%".padding(toWidth: 5, right: true)
        }
        var lines = [
            "\(name(task)) in \(glyphs.displayable(run.name))",
            "parent:   \(run.tasks[task].parent.map(name) ?? "none")",
            "children: \(children.isEmpty ? "none" : children.joined(separator: ", "))",
            "life:     \(timeline.start.formatted(.summary, ascii: ascii)) to \(timeline.end.formatted(.summary, ascii: ascii)) (\(life.formatted(.summary, ascii: ascii)))",
            "running   " + share(timeline.time(in: .running)),
            "ready     " + share(timeline.time(in: .ready)),
            "waiting   " + share(timeline.time(in: .waiting)),
        ]
        for (reason, time) in timeline.waitingTimeByReason.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("  on \(reason.rawValue)".padding(toWidth: 10) + share(time))
        }
        if let latency = SchedulingLatency(waits: run.loopWaits(ofEvents: prepared.events.positions(of: task))) {
            lines.append("")
            // The heading wrapped, so that it does not widen the box.
            let latencyLines = latency.lines(ascii: ascii, barWidth: 20)
            lines += wrapped(latencyLines[0], width: 56, indent: "", continuation: "  ") + latencyLines.dropFirst()
        }
        lines.append("")
        lines.append("events:")
        for position in prepared.events.positions(of: task) {
            let event = run.events[Int(position)]
            lines.append("  " + event.time.formatted(.summary, ascii: ascii).padding(toWidth: 11) + describe(event, glyphs: glyphs))
        }
        return lines
    }

    static func describe(_ event: Event, glyphs: Glyphs) -> String {
        var text = event.kind.rawValue
        switch event.detail {
        case .wait(let reason, let what)?: text += " on \(reason.rawValue) \(glyphs.displayable(String(what.prefix(200))))"
        case .wake(let by)?: text += " by \(glyphs.displayable(by))"
        case .text(let printed)?: text += " \"\(glyphs.displayable(printed))\""
        case .outcome(let result, let error)?: text += " \(result.rawValue)" + (error.map { ": \(glyphs.displayable($0))" } ?? "")
        case nil: break
        }
        return text
    }

    /// How many of a run's ready tasks the ready-queue panel lists.
    static let readyQueueLength = 1_000

    /// Every run's ready queue at the playhead, in the order the loop will take the tasks (the
    /// first ``readyQueueLength`` of it), then its locks and semaphores: holders and waiters.
    static func readyQueue(_ state: TUIState) -> [String] {
        let glyphs = state.glyphs
        var lines: [String] = []
        for (index, run) in state.prepared.runs.enumerated() {
            let report = PlayheadReport(run: run, occupancy: state.occupancy[index], at: state.playhead, listing: readyQueueLength)
            lines.append("\(glyphs.displayable(run.run.name)) at \(state.playhead.formatted(.summary, ascii: glyphs.isASCII)):")
            if report.ready.isEmpty { lines.append("  (empty)") }
            for (position, entry) in report.ready.enumerated() {
                lines.append(
                    "  \(position + 1). \(report.name(entry.task, glyphs))  ready since \(entry.since.formatted(.summary, ascii: glyphs.isASCII))"
                )
            }
            if report.readyCount > report.ready.count {
                lines.append("  \(glyphs.ellipsis) and \(report.readyCount - report.ready.count) more")
            }
            lines += resources(of: run, occupancy: state.occupancy[index], at: state.playhead, glyphs: glyphs)
        }
        return lines
    }

    /// The findings, each as its rule, run and time, then its summary; the selected one (marked)
    /// also with its evidence and what to change. Returns the lines and where the selected begins.
    static func findings(_ state: TUIState, selected: Int) -> (lines: [String], selectedLine: Int) {
        let glyphs = state.glyphs
        guard let findings = state.findings, !findings.isEmpty else { return (["No findings."], 0) }
        var lines: [String] = []
        var selectedLine = 0
        for (index, finding) in findings.enumerated() {
            let isSelected = index == selected
            if isSelected { selectedLine = lines.count }
            let when = finding.when(ascii: glyphs.isASCII, to: " to ")
            lines.append(
                "\(isSelected ? (glyphs.isASCII ? ">" : "▶") : " ") [\(finding.rule)] \(glyphs.displayable(finding.run)) at \(when)")
            // The box is at most the screen less its border and margins.
            let width = state.width - 6
            lines += wrapped(glyphs.displayable(finding.summary), width: width, indent: "    ")
            if isSelected {
                for line in finding.evidence {
                    lines += wrapped(
                        "\(glyphs.middleDot) " + glyphs.displayable(line), width: width, indent: "    ", continuation: "      ")
                }
                lines += wrapped(glyphs.displayable(finding.advice), width: width, indent: "    ")
            }
        }
        return (lines, selectedLine)
    }

    /// `text` cut into lines of at most `width` columns at spaces, the first starting with
    /// `indent` and the rest with `continuation` (by default `indent`).
    static func wrapped(_ text: String, width: Int, indent: String, continuation: String? = nil) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? indent : (continuation ?? indent)
            if line != prefix, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = (continuation ?? indent) + word
            } else {
                line += (line == prefix ? "" : " ") + word
            }
        }
        return lines + [line]
    }

    /// Each lock and semaphore of `run` at `time`: who holds it (or how many permits are in use)
    /// and who waits for it, in the order they queued.
    static func resources(of run: PreparedRun, occupancy: StateOccupancy, at time: Nanoseconds, glyphs: Glyphs) -> [String] {
        guard !run.resources.isEmpty else { return [] }
        let waiting = occupancy.occupants(.waiting, at: time)
        return run.resources.map { resource in
            let label = glyphs.displayable(resource.title)
            let step = resource.step(at: time)
            let held: String
            switch (resource.kind, step?.holder) {
            case (.lock, let holder?): held = "held by \(glyphs.displayable(run.run.tasks[holder].name))"
            case (.lock, nil): held = "free"
            default: held = "\(step?.holders ?? 0) in use"
            }
            let queue = waiting.filter {
                $0.what == resource.name && ($0.state == .waiting(resource.kind) || $0.state == .blocked(resource.kind))
            }
            let names = queue.prefix(20).map { glyphs.displayable(run.run.tasks[$0.task].name) }
            let more = queue.count > names.count ? " and \(queue.count - names.count) more" : ""
            return "  \(label): \(held)" + (queue.isEmpty ? "" : "; waiting: " + names.joined(separator: ", ") + more)
        }
    }

    /// Draws `lines` in a centred box with a title, from line `scroll`.
    static func drawBox(_ lines: [String], title: String, on screen: inout Screen, state: TUIState, scroll: Int) {
        let glyphs = state.glyphs
        let innerWidth = min(max(lines.map { DisplayWidth.of($0) }.max() ?? 0, title.count + 4), state.width - 6)
        let innerHeight = min(lines.count, state.height - 4)
        let left = (state.width - innerWidth - 4) / 2
        let top = (state.height - innerHeight - 2) / 2
        let first = min(scroll, max(lines.count - innerHeight, 0))
        let (horizontal, vertical) = glyphs.isASCII ? ("-", "|") : ("─", "│")
        let corners = glyphs.isASCII ? ["+", "+", "+", "+"] : ["┌", "┐", "└", "┘"]
        let border = String(repeating: horizontal, count: innerWidth + 2)
        screen.put(corners[0] + border + corners[1], row: top, column: left, style: .ruler)
        screen.put(" \(title) ", row: top, column: left + 2, style: .heading)
        for offset in 0..<innerHeight {
            let text = DisplayWidth.truncate(lines[first + offset], to: innerWidth, ellipsis: glyphs.ellipsis)
            let padded = text + String(repeating: " ", count: innerWidth - DisplayWidth.of(text))
            screen.put(vertical + " " + padded + " " + vertical, row: top + 1 + offset, column: left)
        }
        screen.put(corners[2] + border + corners[3], row: top + 1 + innerHeight, column: left, style: .ruler)
        if lines.count > innerHeight {
            screen.put(
                " \(first + 1)-\(first + innerHeight) of \(lines.count) ", row: top + 1 + innerHeight, column: left + 2, style: .ruler)
        }
    }
}

extension String {
    /// The string padded with spaces to `width` columns (on the left with `right`).
    fileprivate func padding(toWidth width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(width - DisplayWidth.of(self), 0))
        return right ? padding + self : self + padding
    }
}
