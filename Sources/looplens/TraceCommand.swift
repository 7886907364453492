import ArgumentParser
import Foundation
import LoopLensPython
import LoopLensTUI
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

            With --live the timeline opens at once and follows the program as it runs (the tracer appends to the trace \
            file every 50 ms); the program's output goes to a file beside the trace (PROGRAM.output.txt), and its input \
            is empty. Quitting stops the program as Ctrl-C would (then SIGTERM, then SIGKILL, 3 s apart), unless \
            --detach is given.
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

    @Flag(help: "Open the timeline at once and follow the program as it runs.")
    var live = false

    @Flag(help: "With --live: leave the program running when the timeline is closed.")
    var detach = false

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
        if detach, !live { throw ValidationError("--detach goes with --live") }
        if live {
            try LiveTrace.requireTerminal(for: "--live", "shows the timeline while the program runs")
            try runLive(program, tracePath: tracePath)
        }
        let tracer = try PythonTracer.install()
        defer { PythonTracer.removeInstalled(tracer) }
        let ending = try ChildProcess.run(program.tracedCommand(tracer: tracer, trace: tracePath, showInternals: internals))
        guard FileManager.default.fileExists(atPath: tracePath) else {
            printError("error: \(program.name.sanitizedForTerminal) \(ending.phrase) without writing a trace")
            ending.pass()
        }
        printError("looplens: the trace of \(program.name.sanitizedForTerminal) is in \(tracePath.sanitizedForTerminal)")
        if !noOpen { try display.show(try InputFile.loadTrace(tracePath, limits: .standard), from: tracePath, replay: false) }
        ending.pass()
    }

    /// `--live`: the program runs behind the TUI, which follows its trace. Ends `looplens` with the
    /// program's own ending if it ended by itself, or 0 if quitting stopped (or detached) it.
    private func runLive(_ program: PythonProgram, tracePath: String) throws -> Never {
        let outputPath = Self.outputPath(forTrace: tracePath)
        // Whatever was there is about to be replaced; the viewer must not show it meanwhile.
        try? FileManager.default.removeItem(atPath: tracePath)
        let tracer = try PythonTracer.install()
        let child = try ChildProcess(
            program.tracedCommand(tracer: tracer, trace: tracePath, showInternals: internals, live: true), output: outputPath)
        guard let source = try LiveTrace.open(tracePath, writtenBy: child) else {
            PythonTracer.removeInstalled(tracer)
            let ending = child.wait()
            printError(
                "error: \(program.name.sanitizedForTerminal) \(ending.phrase) without writing a trace; its output is in \(outputPath)")
            ending.pass()
        }
        let outcome = source.show(ascii: display.ascii)
        let endedByItself = child.endingIfOver
        if detach, endedByItself == nil {
            printError(
                "looplens: \(program.name.sanitizedForTerminal) keeps running (process \(child.pid)); its output goes to \(outputPath)")
            printError("looplens: follow its trace with: looplens replay --follow \(tracePath)")
        } else {
            _ = child.stop()
            PythonTracer.removeInstalled(tracer)
            printError("looplens: the trace of \(program.name.sanitizedForTerminal) is in \(tracePath); its output is in \(outputPath)")
        }
        do {
            try source.finish()
        } catch let errors as InputErrors {
            printError(errors.description)
            Foundation.exit(1)
        }
        if case .terminated(let signal) = outcome { Foundation.exit(128 + signal) }
        endedByItself?.pass()
        Foundation.exit(0)
    }

    /// Where `--live` sends the program's output: beside the trace, `NAME.output.txt` for
    /// `NAME.trace.jsonl` (or `TRACE.output.txt`).
    static func outputPath(forTrace trace: String) -> String {
        let base = trace.hasSuffix(".trace.jsonl") ? String(trace.dropLast(".trace.jsonl".count)) : trace
        return base + ".output.txt"
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
