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

    /// Files smaller than this load too fast to need progress.
    static let threshold = 32 << 20

    /// A callback for ``TraceReader/read(file:progress:)`` that prints `loading FILE: 42%`.
    static func reportingBytes(of path: String) -> ((Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        var lastPercent = -1
        return { bytesRead, totalBytes in
            guard totalBytes >= threshold else { return }
            let percent = bytesRead * 100 / totalBytes
            guard percent != lastPercent else { return }
            lastPercent = percent
            let end = bytesRead >= totalBytes ? "\r\u{1B}[K" : ""
            let line = "\rloading \(path.sanitizedForTerminal): \(percent)%" + end
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
