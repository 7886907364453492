import Glibc
import LoopLensTimeline
import LoopLensTrace

/// Runs the terminal UI: input → state change → screen → draw, until the user quits.
public enum TUIApp {
    /// How a session ended.
    public enum Outcome: Sendable, Equatable {
        /// There is no terminal; nothing was shown.
        case noTerminal
        /// The user quit.
        case quit
        /// SIGTERM or SIGHUP ended it (the terminal was restored first).
        case terminated(signal: Int32)
    }

    /// Shows `trace` in the terminal until the user quits.
    ///
    /// - Parameters:
    ///   - replay: start with the playhead at 0 and playback running.
    ///   - ascii: draw with ASCII glyphs (also chosen when the locale is not UTF-8).
    ///   - color: use colours (when the terminal has them).
    ///   - source: a trace still being written, followed as it grows (polled every 100 ms); the view
    ///     keeps *now* at its right edge until the user moves away.
    public static func run(_ trace: Trace, replay: Bool, ascii: Bool, color: Bool, following source: (any LiveSource)? = nil)
        -> Outcome
    {
        var source = source
        guard let terminal = CursesTerminal(color: color) else { return .noTerminal }
        TerminalGuard.install()
        defer { terminal.stop() }
        var state = TUIState(
            trace: trace, width: terminal.width, height: terminal.height, glyphs: ascii || !terminal.isUTF8 ? .ascii : .unicode)
        if replay { state.startReplay() }
        if let source { state.startFollowing(status: source.status) }
        let clock = ContinuousClock()
        var last = clock.now
        while !state.wantsToQuit, TerminalGuard.terminationSignal == 0 {
            if let trace = source?.refresh() { state.update(trace) }
            if let status = source?.status { state.live?.status = status }
            terminal.draw(ScreenBuilder.screen(for: state))
            let key = terminal.readKey(timeout: state.isPlaying ? 40 : source != nil ? 100 : 200)
            let now = clock.now
            let elapsed = (now - last).components
            last = now
            state.advance(byRealNanoseconds: elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
            if let key { state.handle(key) }
        }
        return TerminalGuard.terminationSignal == 0 ? .quit : .terminated(signal: TerminalGuard.terminationSignal)
    }
}
