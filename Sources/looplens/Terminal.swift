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

    /// Whether the user allows colour: `NO_COLOR` is unset (or empty).
    static var allowsColor: Bool {
        (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Whether colour is wanted on standard output: it is a terminal, colour is allowed and the
    /// terminal is not `dumb`.
    static var wantsColor: Bool {
        isatty(STDOUT_FILENO) != 0 && allowsColor && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}

/// Standard output as a `TextOutputStream`, through the buffer `print` writes to.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) {
        print(string, terminator: "")
    }
}
