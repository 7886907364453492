import Foundation

/// Facts about the terminal the command runs in.
enum Terminal {
    /// The width of the terminal on standard output, if it is one.
    static var width: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Whether colour is wanted on standard output: it is a terminal, `NO_COLOR` is unset and
    /// the terminal is not `dumb`.
    static var wantsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
