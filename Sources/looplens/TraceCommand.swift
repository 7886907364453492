import ArgumentParser
import Foundation
import LoopLensPython
import LoopLensTrace

/// `looplens trace -- python3 app.py`: runs a Python asyncio program under the tracer, then shows
/// its timeline.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a Python asyncio program under the tracer, then show its timeline.",
        discussion: """
            PROGRAM is what you would type: python3 app.py ARGS, python3 -m pkg ARGS, app.py ARGS, or a command on PATH \
            whose first line names a Python interpreter. Its input, output, exit status and signals are its own; the \
            tracer ships inside looplens. Afterwards the timeline opens when standard output is a terminal, and is \
            printed as text otherwise. The trace is kept in -o FILE (default: PROGRAM.trace.jsonl here).
            """
    )

    @Option(name: .shortAndLong, help: "Write the trace here (default: PROGRAM.trace.jsonl in the current folder).")
    var output: String?

    @Option(help: "The Python interpreter to use instead of the one PROGRAM names.")
    var python: String?

    @Flag(help: "Only write the trace; do not open or print the timeline.")
    var noOpen = false

    @Flag(help: "Give asyncio's own tasks (a server's connection handlers, asyncio.run's clean-up) lanes too.")
    var internals = false

    @OptionGroup var display: DisplayOptions

    @Argument(parsing: .captureForPassthrough, help: "-- PROGRAM [ARGS…]")
    var command: [String] = []

    func run() throws {
        let words = command.first == "--" ? Array(command.dropFirst()) : command
        let program: PythonProgram
        do {
            program = try PythonProgram(command: words, python: python)
        } catch {
            throw ValidationError(error.description)
        }
        let tracePath = output ?? "\(program.name).trace.jsonl"
        let tracer = try PythonTracer.install()
        defer { PythonTracer.removeInstalled(tracer) }
        let ending = try ChildProcess.run(program.tracedCommand(tracer: tracer, trace: tracePath, showInternals: internals))
        guard FileManager.default.fileExists(atPath: tracePath) else {
            printError("error: \(program.name.sanitizedForTerminal) \(ending.phrase) without writing a trace")
            ending.pass()
        }
        printError("looplens: the trace of \(program.name.sanitizedForTerminal) is in \(tracePath.sanitizedForTerminal)")
        if !noOpen { try display.show(try InputFile.loadTrace(tracePath), replay: false) }
        ending.pass()
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension ChildProcess.Ending {
    /// How the program ended, as a phrase: `exited with status 3`, `was killed by signal 9`.
    var phrase: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .killed(let signal): "was killed by signal \(signal)"
        }
    }

    /// Ends `looplens` as the program ended: with its exit status, or killed by its signal.
    func pass() -> Never {
        switch self {
        case .exited(let status):
            exit(status)
        case .killed(let signal):
            Foundation.signal(signal, SIG_DFL)
            raise(signal)
            exit(128 + signal)
        }
    }
}
