import Foundation

/// A program run with this process's standard input, output and error, whose end is reported as
/// the shell sees it: an exit status, or the signal that killed it.
///
/// While it runs, SIGINT and SIGQUIT from the terminal reach it directly (it is in the foreground
/// process group) and are ignored here; SIGTERM and SIGHUP sent to `looplens` are passed on to it.
/// (Foundation's `Process` cannot give the child default signal dispositions, nor wait without
/// its own run loop; this is posix_spawn and waitpid.)
struct ChildProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case killed(signal: Int32)
    }

    /// Runs `command` (`command[0]` searched on PATH) to its end.
    static func run(_ command: [String]) throws -> Ending {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in passedSignals + ignoredSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let previous = (passedSignals + ignoredSignals).map { Foundation.signal($0, SIG_IGN) }
        defer { for (signal, handler) in zip(passedSignals + ignoredSignals, previous) { _ = Foundation.signal(signal, handler) } }

        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], nil, &attributes, argv, environ)
        guard spawned == 0 else {
            throw ChildProcessError(command: command[0], reason: String(cString: strerror(spawned)))
        }
        let forwarders = passedSignals.map { passed in
            let source = DispatchSource.makeSignalSource(signal: passed, queue: .global())
            source.setEventHandler { kill(pid, passed) }
            source.resume()
            return source
        }
        defer { forwarders.forEach { $0.cancel() } }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let killer = status & 0x7F
        return killer == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: killer)
    }

    /// Signals for `looplens` that are meant for the program.
    static let passedSignals = [SIGTERM, SIGHUP]
    /// Signals the terminal sends the whole foreground group: the program gets its own.
    static let ignoredSignals = [SIGINT, SIGQUIT]
}

/// The program could not be started.
struct ChildProcessError: Error, CustomStringConvertible {
    var command: String
    var reason: String

    var description: String { "error: cannot run \(command.sanitizedForTerminal): \(reason)" }
}
