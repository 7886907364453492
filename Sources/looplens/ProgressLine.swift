import Foundation
import LoopLensSimulation
import LoopLensTrace

/// A one-line progress display on stderr, shown only when stderr is a terminal.
enum ProgressLine {
    /// A callback for ``Simulator/trace(of:limits:progress:)`` that prints
    /// `simulating FILE: threads, 3145728 events, 12.50 s simulated` once a simulation has taken
    /// half a second, and the function that clears that line afterwards.
    static func reportingSimulation(of path: String) -> (report: Simulator.Progress?, clear: () -> Void) {
        guard isatty(STDERR_FILENO) != 0 else { return (nil, {}) }
        let start = MonotonicClock.now()
        nonisolated(unsafe) var shown = false
        let report: Simulator.Progress = { execution, events, time in
            guard MonotonicClock.now() - start >= 500_000_000 else { return }
            shown = true
            let line =
                "\rsimulating \(path.sanitizedForTerminal): \(execution.rawValue), \(events) events, \(time.formatted(.summary)) simulated\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
        }
        return (report, { if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } })
    }

    /// A callback for ``TraceReader/read(file:progress:)`` that draws a bar once loading has taken
    /// half a second, `loading FILE [██████░░░░░░░░░░░░░░]  31%  24 of 76 MB` (or `loading FILE:
    /// 24.3 MB read` when the size is unknown, as for a FIFO), and the function that clears it.
    static func reportingBytes(of path: String) -> (report: ((Int, Int) -> Void)?, clear: () -> Void) {
        guard isatty(STDERR_FILENO) != 0 else { return (nil, {}) }
        let start = MonotonicClock.now()
        nonisolated(unsafe) var shown = false
        nonisolated(unsafe) var lastLine = ""
        let report: (Int, Int) -> Void = { bytesRead, totalBytes in
            guard MonotonicClock.now() - start >= 500_000_000 else { return }
            let line = "\rloading \(path.sanitizedForTerminal)" + bar(done: bytesRead, of: totalBytes) + "\u{1B}[K"
            guard line != lastLine else { return }
            shown = true
            lastLine = line
            FileHandle.standardError.write(Data(line.utf8))
        }
        return (report, { if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } })
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
