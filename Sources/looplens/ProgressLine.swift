import Foundation
import LoopLensTrace

/// A one-line progress display on stderr, shown only when stderr is a terminal.
enum ProgressLine {
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
