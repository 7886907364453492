import Foundation
import LoopLensSimulation
import LoopLensTrace

/// A one-line progress display on stderr, shown only when stderr is a terminal and only once the
/// work has taken half a second; ``clear()`` removes it when the work is done.
final class ProgressLine: @unchecked Sendable {
    // `@unchecked Sendable`: one thread at a time uses it (the work reports, then its caller clears).
    private let start = MonotonicClock.now()
    private var shownLine: String?

    private init() {}

    /// A progress line, or `nil` when stderr is not a terminal.
    private static func onTerminal() -> ProgressLine? {
        isatty(STDERR_FILENO) != 0 ? ProgressLine() : nil
    }

    /// Shows `text` in place of what the line showed, once half a second has passed.
    private func show(_ text: @autoclosure () -> String) {
        guard MonotonicClock.now() - start >= 500_000_000 else { return }
        let line = "\r" + text() + "\u{1B}[K"
        guard line != shownLine else { return }
        shownLine = line
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Removes the line, if it was shown.
    func clear() {
        if shownLine != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// A callback for ``Simulator/trace(of:limits:progress:)`` that shows
    /// `simulating FILE: threads, 3145728 events, 12.50 s simulated`, and the function that clears it.
    static func reportingSimulation(of path: String) -> (report: Simulator.Progress?, clear: () -> Void) {
        guard let line = onTerminal() else { return (nil, {}) }
        let report: Simulator.Progress = { execution, events, time in
            line.show(
                "simulating \(path.sanitizedForTerminal): \(execution.rawValue), \(events) events, \(time.formatted(.summary)) simulated")
        }
        return (report, line.clear)
    }

    /// A callback for ``TraceReader/read(file:progress:)`` that shows a bar,
    /// `loading FILE [██████░░░░░░░░░░░░░░]  31%  24 of 76 MB` (or `loading FILE: 24.3 MB read` when
    /// the size is unknown, as for a FIFO), and the function that clears it.
    static func reportingBytes(of path: String) -> (report: ((Int, Int) -> Void)?, clear: () -> Void) {
        guard let line = onTerminal() else { return (nil, {}) }
        return (
            { bytesRead, totalBytes in line.show("loading \(path.sanitizedForTerminal)" + bar(done: bytesRead, of: totalBytes)) },
            line.clear
        )
    }

    /// ` [██████░░░░░░░░░░░░░░]  31%  24 of 76 MB`, or `: 24.3 MB read` when `total` is unknown (0).
    static func bar(done: Int, of total: Int) -> String {
        let megabytes = done >> 20
        guard total > 0 else { return ": \(String(format: "%.1f", Double(done) / 1_048_576)) MB read" }
        let width = 20
        let filled = min(width, done * width / total)
        let percent = min(100, done * 100 / total)
        let percentText = String(repeating: " ", count: 3 - String(percent).count) + "\(percent)%"
        return " [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            + percentText + "  \(megabytes) of \(total >> 20) MB"
    }
}
