import Foundation
import LoopLensTrace

/// A Python program to trace, as the user would run it: `python3 app.py ARGS`, `python3 -m pkg
/// ARGS`, `app.py ARGS`, or a command on PATH whose first line names a Python interpreter.
public struct PythonProgram: Sendable, Equatable {
    /// The interpreter to run.
    public var interpreter: String
    /// Options for the interpreter itself (`-u`, `-X dev`), kept before the tracer.
    public var interpreterOptions: [String]
    /// What runs: a script path, exactly as given (Python shows it so in tracebacks), or a module.
    public var target: Target
    /// The program's own arguments.
    public var arguments: [String]

    public enum Target: Sendable, Equatable {
        case script(String)
        case module(String)
    }

    /// A short name for the trace's file and title: the script's name without `.py`, or the module.
    public var name: String {
        switch target {
        case .script(let path): URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        case .module(let module): module
        }
    }

    /// Works out how to run `command` (the words after `--`), with `python` instead of the
    /// interpreter it names if given.
    public init(command: [String], python: String? = nil) throws(PythonProgramError) {
        guard let program = command.first else { throw .noProgram }
        var rest = Array(command.dropFirst())
        if Self.isInterpreterName(URL(fileURLWithPath: program).lastPathComponent) {
            interpreter = python ?? program
            interpreterOptions = []
            while let option = rest.first, option.hasPrefix("-"), option != "-m" {
                rest.removeFirst()
                if option == "-c" { throw .codeNotSupported }
                interpreterOptions.append(option)
                if ["-X", "-W"].contains(option), let value = rest.first {
                    interpreterOptions.append(value)
                    rest.removeFirst()
                }
            }
            if rest.first == "-m" {
                guard rest.count >= 2 else { throw .noProgram }
                target = .module(rest[1])
                arguments = Array(rest.dropFirst(2))
            } else {
                guard let script = rest.first else { throw .noProgram }
                target = .script(script)
                arguments = Array(rest.dropFirst())
            }
            return
        }
        interpreterOptions = []
        arguments = rest
        if program.hasSuffix(".py") || program.contains("/") {
            target = .script(program)
            interpreter = python ?? Self.shebangInterpreter(of: program) ?? "python3"
            return
        }
        guard let path = Self.searchPath(for: program) else { throw .notFound(program) }
        guard let named = python ?? Self.shebangInterpreter(of: path) else { throw .notPython(program) }
        target = .script(path)
        interpreter = named
    }

    /// The command line that runs the program under the tracer at `tracerPath`, writing `trace`.
    public func tracedCommand(tracer tracerPath: String, trace: String, showInternals: Bool, live: Bool = false) -> [String] {
        var command = [interpreter] + interpreterOptions + [tracerPath, "-o", trace]
        if showInternals { command.append("--internals") }
        if live { command.append("--live") }
        switch target {
        case .script(let path): command.append(path)
        case .module(let module): command += ["-m", module]
        }
        return command + arguments
    }

    /// `python`, `python3`, `python3.12`, `pypy3`…
    static func isInterpreterName(_ name: String) -> Bool {
        name.wholeMatch(of: /(python|pypy)[0-9.]*/) != nil
    }

    /// The Python interpreter a script's `#!` line names, if it names one.
    static func shebangInterpreter(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        guard let line = String(decoding: head, as: UTF8.self).split(separator: "\n").first, line.hasPrefix("#!") else { return nil }
        let words = line.dropFirst(2).split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let candidate = URL(fileURLWithPath: first).lastPathComponent == "env" ? words.dropFirst().first { !$0.hasPrefix("-") } : first
        guard let candidate, isInterpreterName(URL(fileURLWithPath: candidate).lastPathComponent) else { return nil }
        return candidate
    }

    /// `name` as the shell would find it on PATH.
    static func searchPath(for name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Why a command cannot be traced.
public enum PythonProgramError: Error, Equatable, CustomStringConvertible {
    case noProgram
    case codeNotSupported
    case notFound(String)
    case notPython(String)

    public var description: String {
        switch self {
        case .noProgram:
            "say what to trace after --, e.g. looplens trace -- python3 app.py"
        case .codeNotSupported:
            "python -c is not supported; put the code in a file and trace that"
        case .notFound(let name):
            "\(name.sanitizedForTerminal): no such command on PATH; give the script's path, or python3 and the script"
        case .notPython(let name):
            "\(name.sanitizedForTerminal) is not a Python program (its first line names no Python interpreter); "
                + "use --python PATH to say which interpreter runs it"
        }
    }
}
