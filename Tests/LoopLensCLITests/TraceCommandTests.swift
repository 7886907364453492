import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// `looplens trace -- PROGRAM`, run as a user would, with every CPython found.
@Suite struct TraceCommandTests {
    static let interpreters = PythonInterpreters.found

    static let failing = """
        import asyncio, sys

        async def main():
            print(sys.stdin.readline().strip().upper(), sys.argv[1:])
            await asyncio.sleep(0.01)
            if sys.argv[1:] == ["fail"]:
                raise ValueError("boom")
            sys.exit(3)

        asyncio.run(main())
        """

    /// A folder holding `app.py` and the package `pkg` (whose `__main__` runs the same program).
    func workspace() throws -> URL {
        let directory = try temporaryDirectory()
        try Self.failing.write(to: directory.appendingPathComponent("app.py"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("pkg"), withIntermediateDirectories: true)
        try Self.failing.write(to: directory.appendingPathComponent("pkg/__main__.py"), atomically: true, encoding: .utf8)
        return directory
    }

    /// Runs `command` (its first word a full path) in `directory`, with a line on its standard input.
    func run(_ command: [String], in directory: URL) throws -> ProcessResult {
        try LoopLensCLITests.run(Array(command.dropFirst()), executable: URL(fileURLWithPath: command[0]), in: directory, input: "hello\n")
    }

    @Test(arguments: interpreters)
    func exitStatusInputAndTracebackPassThroughUnchanged(python: String) throws {
        let directory = try workspace()
        let plain = try run([python, "app.py"], in: directory)
        let traced = try run([looplensBinary.path, "trace", "--no-open", "--", python, "app.py"], in: directory)
        #expect(plain.status == 3 && traced.status == 3)
        #expect(plain.stdout == "HELLO []\n" && traced.stdout == plain.stdout)
        #expect(traced.stderr == plain.stderr + "looplens: the trace of app is in app.trace.jsonl\n")
        let read = try TraceReader.read(file: directory.appendingPathComponent("app.trace.jsonl").path)
        #expect(read.problems.isEmpty)
        #expect(read.trace.runs.first?.events.contains { $0.kind == .print && $0.detail == .text("HELLO []") } == true)

        let plainFailure = try run([python, "app.py", "fail"], in: directory)
        let tracedFailure = try run(
            [looplensBinary.path, "trace", "--no-open", "-o", "out.jsonl", "--", python, "app.py", "fail"], in: directory)
        #expect(plainFailure.status == 1 && tracedFailure.status == 1)
        #expect(plainFailure.stderr.contains("ValueError: boom"))
        #expect(tracedFailure.stderr == plainFailure.stderr + "looplens: the trace of app is in out.jsonl\n")
    }

    @Test(arguments: interpreters)
    func aModuleRunsAsWithDashM(python: String) throws {
        let directory = try workspace()
        let plain = try run([python, "-m", "pkg", "fail"], in: directory)
        let traced = try run([looplensBinary.path, "trace", "--no-open", "--", python, "-m", "pkg", "fail"], in: directory)
        #expect(plain.status == 1 && traced.status == 1)
        #expect(traced.stderr == plain.stderr + "looplens: the trace of pkg is in pkg.trace.jsonl\n")
    }

    @Test(arguments: interpreters)
    func withoutATerminalTheTimelineIsPrintedAfterTheProgramsOutput(python: String) throws {
        let directory = try workspace()
        let traced = try run([looplensBinary.path, "trace", "--ascii", "--", python, "app.py"], in: directory)
        #expect(traced.status == 3)
        let lines = traced.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "HELLO []")
        #expect(lines.dropFirst().first == "app.py", "the title: the script's name")
        #expect(lines.contains { $0.hasPrefix("real - ") }, "the run's title line")
        // The lane: its print's mark and its sleep. (Its running is microseconds long, so under load
        // it can share its only column with the print, whose mark is drawn over it.)
        #expect(lines.contains { $0.hasPrefix("main 1") && $0.contains("*") && $0.contains("-") }, "\(traced.stdout)")
    }

    @Test func theTracersOutputFollowsALinkAndKeepsPermissionsAsLoopLensDoes() throws {
        let python = try #require(Self.interpreters.first, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
        let directory = try workspace()
        let real = directory.appendingPathComponent("kept.jsonl")
        try "old\n".write(to: real, atomically: false, encoding: .utf8)
        #expect(chmod(real.path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.jsonl").path, withDestinationPath: "kept.jsonl")
        let traced = try run([looplensBinary.path, "trace", "--no-open", "-o", "link.jsonl", "--", python, "app.py"], in: directory)
        #expect(traced.status == 3)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("link.jsonl").path) == "kept.jsonl")
        #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix(#"{"looplens":1"#))
        #expect((try FileManager.default.attributesOfItem(atPath: real.path)[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func aProgramThatIsNotPythonIsRefusedWithAClearMessage() throws {
        let result = try run([looplensBinary.path, "trace", "--", "ls", "-l"], in: try temporaryDirectory())
        #expect(result.status == 2)
        #expect(result.stderr.contains("ls is not a Python program"), "\(result.stderr)")
        let nothing = try run([looplensBinary.path, "trace"], in: try temporaryDirectory())
        #expect(nothing.status == 2 && nothing.stderr.contains("looplens trace -- python3 app.py"))
    }
}
