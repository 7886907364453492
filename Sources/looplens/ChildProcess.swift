import Foundation

/// A program `looplens` runs, whose end is reported as the shell sees it: an exit status, or the
/// signal that killed it. (Foundation's `Process` cannot give the child default signal
/// dispositions, its own process group or a wait without a run loop; this is posix_spawn and
/// waitpid.)
final class ChildProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case killed(signal: Int32)
    }

    let pid: pid_t
    private var ending: Ending?

    /// Starts `command` (`command[0]` searched on PATH) with default signal handling.
    ///
    /// - Parameter output: where its standard output and error go instead of this process's (its
    ///   input is then /dev/null, and it gets a process group of its own, so that the terminal's
    ///   keys and hang-up do not reach it): for a program running behind the TUI.
    init(_ command: [String], output: String? = nil) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Self.passedSignals + Self.ignoredSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw ChildProcessError(command: command[0], reason: String(cString: strerror(spawned)))
        }
        self.pid = pid
    }

    /// Waits for the program's end.
    func wait() -> Ending {
        while ending == nil { reap(blocking: true) }
        return ending!
    }

    /// How the program ended, or `nil` while it runs. Does not wait.
    var endingIfOver: Ending? {
        if ending == nil { reap(blocking: false) }
        return ending
    }

    /// Stops the program as a user at the terminal would: Ctrl-C (SIGINT to its process group),
    /// then, if it is still running after `patience` seconds, SIGTERM, then SIGKILL.
    func stop(patience: Double = 3) -> Ending {
        for signal in [SIGINT, SIGTERM, SIGKILL] {
            if let ending = endingIfOver { return ending }
            kill(-pid, signal)
            let deadline = Date().addingTimeInterval(patience)
            while endingIfOver == nil, Date() < deadline { usleep(20_000) }
        }
        return wait()
    }

    private func reap(blocking: Bool) {
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        if result == -1, errno == ECHILD { ending = .exited(127) }  // not ours to wait for: cannot happen
        guard result == pid else { return }
        let killer = status & 0x7F
        ending = killer == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: killer)
    }

    /// Runs `command` in the foreground to its end. While it runs, SIGINT and SIGQUIT from the
    /// terminal reach it directly (it is in the foreground process group) and are ignored here;
    /// SIGTERM and SIGHUP sent to `looplens` are passed on to it.
    static func run(_ command: [String]) throws -> Ending {
        let previous = (passedSignals + ignoredSignals).map { Foundation.signal($0, SIG_IGN) }
        defer { for (signal, handler) in zip(passedSignals + ignoredSignals, previous) { _ = Foundation.signal(signal, handler) } }
        let child = try ChildProcess(command)
        let forwarders = passedSignals.map { passed in
            let source = DispatchSource.makeSignalSource(signal: passed, queue: .global())
            source.setEventHandler { kill(child.pid, passed) }
            source.resume()
            return source
        }
        defer { forwarders.forEach { $0.cancel() } }
        return child.wait()
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
