import Foundation

/// Removes a temporary output file when SIGINT or SIGTERM ends the process during the write,
/// then lets the signal end the process as it would have.
///
/// A signal handler may only call async-signal-safe functions (`unlink`, `signal`, `raise`), and
/// cannot capture Swift state: the path is kept as a C string in a global, set before the
/// handlers are installed and cleared after they are restored.
enum InterruptedWrite {
    nonisolated(unsafe) private static var temporaryPath: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Until ``end()``, SIGINT, SIGTERM and SIGHUP remove `path` before ending the process.
    static func begin(removing path: String) {
        temporaryPath = strdup(path)
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if let path = InterruptedWrite.temporaryPath { unlink(path) }
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(number, &action, &old)
            // A signal the process ignores (nohup) stays ignored.
            // (SIG_IGN is the handler address 1.)
            if old.__sigaction_handler.sa_handler.map({ unsafeBitCast($0, to: Int.self) }) == 1 { sigaction(number, &old, nil) }
            previous[number] = old
        }
    }

    /// Restores the handlers that were there before ``begin(removing:)``.
    static func end() {
        for number in signals {
            if var old = previous[number] { sigaction(number, &old, nil) }
        }
        previous.removeAll()
        free(temporaryPath)
        temporaryPath = nil
    }
}
