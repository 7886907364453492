import Glibc

/// Restores the terminal however the program ends: `q` and Ctrl-C go through the normal path;
/// SIGTERM and SIGHUP set a flag that the event loop checks; a crash signal resets the terminal
/// with async-signal-safe calls only (tcsetattr and write) before the default action runs.
enum TerminalGuard {
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var hasSavedModes = false
    /// The number of the SIGTERM or SIGHUP that asked the program to end, or 0.
    nonisolated(unsafe) static var terminationSignal: sig_atomic_t = 0

    /// Leaves the alternate screen, shows the cursor, stops mouse reporting, resets colours.
    static let resetSequence: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

    static func install() {
        hasSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        // A parent may have blocked signals (a blocked mask is inherited); resizing and stopping need them.
        var needed = sigset_t()
        sigemptyset(&needed)
        for number in [SIGWINCH, SIGTERM, SIGHUP, SIGINT] { sigaddset(&needed, number) }
        pthread_sigmask(SIG_UNBLOCK, &needed, nil)
        signal(SIGTERM) { number in TerminalGuard.terminationSignal = number }
        signal(SIGHUP) { number in TerminalGuard.terminationSignal = number }
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(crash) { number in
                TerminalGuard.restoreAfterCrash()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    private static func restoreAfterCrash() {
        if hasSavedModes { tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
        resetSequence.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
