import Foundation
import LoopLensTUI
import LoopLensTrace

/// A trace file still being written, and the program writing it when `looplens` started that
/// program: what the TUI follows in `trace --live` and `replay --follow`. A class: the TUI reads
/// from it, and the command reads what is left once the TUI is closed.
final class LiveTrace: LiveSource {
    private(set) var follower: TraceFollower
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

    /// Prints the malformed lines read (they were left out of the view) and fails if there were any.
    func reportProblems() throws {
        let problems = follower.problems
        if !problems.isEmpty { throw InputErrors(problems) }
    }
}
