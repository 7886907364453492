import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// `looplens trace --live` and `looplens replay --follow` in a real terminal (tmux).
@Suite(.serialized)
struct LiveTraceTests {
    /// A server-like program: `waiter` waits for the file `flag`, then `served` runs until stopped.
    static let server = """
        import asyncio, os, sys

        async def served():
            while True:
                await asyncio.sleep(0.05)

        async def waiter(flag):
            print("waiting for", flag, flush=True)
            while not os.path.exists(flag):
                await asyncio.sleep(0.05)
            await asyncio.create_task(served())

        async def main():
            with open("pid.txt", "w") as file:
                file.write(str(os.getpid()))
            await asyncio.create_task(waiter(sys.argv[1]))

        asyncio.run(main())
        """

    @Test func lanesAppearWhileTheProgramRunsAndQuittingStopsIt() throws {
        let python = try #require(PythonInterpreters.found.first, "no CPython found; searched \(PythonInterpreters.searched)")
        let directory = try temporaryDirectory()
        try Self.server.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        let flag = directory.appendingPathComponent("flag")
        let session = try TmuxSession(width: 110, height: 30)
        defer { session.kill() }
        try session.type("cd \(directory.path) && \(looplensBinary.path) trace --live -- \(python) server.py flag; echo \"exit=$?\"")
        try session.press("Enter")

        let waiting = try session.waitForScreen("the waiter's lane") { $0.contains("waiter 2") }
        #expect(waiting.contains("LoopLens · server.py · real"))
        #expect(waiting.contains("live"))
        #expect(!waiting.contains("served"))
        let pid = try #require(pid_t(String(contentsOf: directory.appendingPathComponent("pid.txt"), encoding: .utf8)))
        #expect(kill(pid, 0) == 0, "the program is still running")

        FileManager.default.createFile(atPath: flag.path, contents: nil)
        let served = try session.waitForScreen("the lane of the task started after the flag") { $0.contains("served 3") }
        #expect(served.contains("live"))
        #expect(kill(pid, 0) == 0, "the program is still running")

        try session.press("q")
        let after = try session.waitForScreen("the shell") { $0.contains("exit=0") }
        #expect(after.contains("looplens: the trace of server is in server.trace.jsonl; its output is in server.output.txt"))
        #expect(kill(pid, 0) == -1, "quitting stopped the program")
        let output = try String(contentsOf: directory.appendingPathComponent("server.output.txt"), encoding: .utf8)
        #expect(output.hasPrefix("waiting for flag\n"))
        #expect(output.contains("KeyboardInterrupt"), "stopped as Ctrl-C stops it")
        let read = try TraceReader.read(file: directory.appendingPathComponent("server.trace.jsonl").path)
        #expect(read.problems.isEmpty)
        let run = try #require(read.trace.runs.first)
        #expect(run.tasks.map(\.name) == ["main 1", "waiter 2", "served 3"])
        #expect(run.events.contains { $0.kind == .finish && $0.detail == .outcome(.cancelled, error: nil) })
    }

    @Test func detachLeavesTheProgramRunning() throws {
        let python = try #require(PythonInterpreters.found.first, "no CPython found; searched \(PythonInterpreters.searched)")
        let directory = try temporaryDirectory()
        try Self.server.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 110, height: 30)
        defer { session.kill() }
        try session.type(
            "cd \(directory.path) && \(looplensBinary.path) trace --live --detach -- \(python) server.py flag; echo \"exit=$?\"")
        try session.press("Enter")
        try session.waitForScreen("the waiter's lane") { $0.contains("waiter 2") }
        try session.press("q")
        let after = try session.waitForScreen("the shell") { $0.contains("exit=0") }
        #expect(after.contains("looplens: follow its trace with: looplens replay --follow server.trace.jsonl"))
        let pid = try #require(pid_t(String(contentsOf: directory.appendingPathComponent("pid.txt"), encoding: .utf8)))
        defer { kill(pid, SIGKILL) }
        #expect(kill(pid, 0) == 0, "the program keeps running")
        FileManager.default.createFile(atPath: directory.appendingPathComponent("flag").path, contents: nil)
        let deadline = Date().addingTimeInterval(10)
        var trace = ""
        while Date() < deadline, !trace.contains("\"served 3\"") {
            Thread.sleep(forTimeInterval: 0.1)
            trace = (try? String(contentsOf: directory.appendingPathComponent("server.trace.jsonl"), encoding: .utf8)) ?? ""
        }
        #expect(trace.contains("\"name\":\"served 3\""), "its trace keeps growing")
    }

    @Test func replayFollowsAGrowingFileAndWaitsForAPartialLine() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("growing.jsonl").path
        let start = [
            #"{"looplens":1,"run":"real","scenario":"growing","clock":"monotonic"}"#,
            #"{"t":0,"run":"real","task":1,"ev":"spawn","name":"first"}"#,
            #"{"t":0,"run":"real","task":1,"ev":"resume"}"#,
            #"{"t":2000000,"run":"real","task":1,"ev":"susp"#,
        ]
        FileManager.default.createFile(atPath: path, contents: Data(start.joined(separator: "\n").utf8))
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.kill() }
        try session.type("\(looplensBinary.path) replay --follow \(path); echo \"exit=$?\"")
        try session.press("Enter")
        let first = try session.waitForScreen("the first lane") { $0.contains("\nfirst") }
        #expect(first.contains("following"))

        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try writer.seekToEnd()
        writer.write(
            Data(
                (#"end","on":"sleep","what":"1s"}"# + "\n" + #"{"t":3000000,"run":"real","task":2,"ev":"spawn","name":"second"}"# + "\n")
                    .utf8))
        try writer.close()
        let second = try session.waitForScreen("the second lane") { $0.contains("\nsecond\n") }
        #expect(second.contains("waiting 1: first (sleep 1s)"))
        try session.press("q")
        // A line of its own: the typed command holds `exit=$?` too.
        let after = try session.waitForScreen("the shell") { $0.split(separator: "\n").contains { $0.hasPrefix("exit=") } }
        #expect(after.contains("exit=0"))
        #expect(!after.contains("error"))
    }
}
