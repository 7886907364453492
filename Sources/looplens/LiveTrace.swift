import ArgumentParser
import Foundation
import LoopLensTUI
import LoopLensTrace

/// A trace file still being written, and the program writing it when `looplens` started that
/// program: what the TUI follows in `trace --live` and `replay --follow`. A class: the TUI reads
/// from it, and the command reads what is left once the TUI is closed.
final class LiveTrace: LiveSource {
    private var follower: TraceFollower
    let program: ChildProcess?

    /// Opens `path` once it exists and holds a header, waiting for it (and saying so on stderr if
    /// that takes a while). Returns `nil` if `program` ends first.
    private init(follower: TraceFollower, program: ChildProcess?) {
        self.follower = follower
        self.program = program
    }

    static func open(_ path: String, writtenBy program: ChildProcess?) throws -> LiveTrace? {
        var waited = 0
        while true {
            if FileManager.default.fileExists(atPath: path) {
                var follower = try TraceFollower(file: path)
                _ = follower.poll()
                if follower.hasRuns { return LiveTrace(follower: follower, program: program) }
                follower.close()
            }
            if program?.endingIfOver != nil { return nil }
            if waited == 20 { FileHandle.standardError.write(Data("looplens: waiting for \(path.sanitizedForTerminal)…\n".utf8)) }
            waited += 1
            usleep(50_000)
        }
    }

    /// Fails with a usage error unless standard input and output are a terminal: a trace is only
    /// followed in the TUI. `option` and `doing` make the message: `--live shows … while …`.
    static func requireTerminal(for option: String, _ doing: String) throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw ValidationError("\(option) \(doing), so it needs a terminal; without one, leave it out")
        }
    }

    /// Shows the trace in the TUI, following it as it grows, until the user quits.
    func show(ascii: Bool) -> TUIApp.Outcome {
        TUIApp.run(follower.trace(now: MonotonicClock.now()), replay: false, ascii: ascii, color: Terminal.allowsColor, following: self)
    }

    func refresh() -> Trace? {
        let grew = follower.poll()
        guard grew || follower.isBeingWritten else { return nil }
        return follower.trace(now: MonotonicClock.now())
    }

    var status: String {
        if let ending = program?.endingIfOver { return "program \(ending.phrase)" }
        if follower.isBeingWritten { return "live" }
        return follower.hadWriter ? "recording ended" : "following"
    }

    /// Reads what was written since the last refresh, then fails with the malformed lines read, if
    /// there were any (they were left out of the view).
    func finish() throws {
        _ = refresh()
        let problems = follower.problems
        if !problems.isEmpty { throw InputErrors(problems) }
    }
}
