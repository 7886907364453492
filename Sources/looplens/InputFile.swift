import Foundation
import LoopLensSimulation
import LoopLensTrace

/// A file given on the command line: a scenario to simulate or a recorded trace.
enum InputFile {
    case scenario(Scenario)
    case trace(Trace, warnings: [InputError])

    /// Reads `path` (`-` for standard input), deciding by content: a `.jsonl` file, or one whose
    /// first line is a JSON object with a `looplens` field, is a trace; anything else is a scenario.
    ///
    /// - Throws: ``InputErrors`` with every problem found.
    static func load(_ path: String) throws -> InputFile {
        let file = try ReadableFile(path: path)
        if try isTrace(file) {
            let result = try TraceReader.read(file, progress: ProgressLine.reportingBytes(of: file.name))
            guard result.problems.isEmpty else { throw InputErrors(result.problems) }
            return .trace(result.trace, warnings: result.warnings)
        }
        return .scenario(try ScenarioLoader.load(file))
    }

    /// The trace to show: a trace as read (its warnings printed), or a scenario simulated in each
    /// of its executions.
    static func loadTrace(_ path: String) throws -> Trace {
        switch try load(path) {
        case .scenario(let scenario):
            return Simulator.trace(of: scenario)
        case .trace(let trace, let warnings):
            printWarnings(warnings)
            return trace
        }
    }

    static func printWarnings(_ warnings: [InputError]) {
        for warning in warnings {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
    }

    private static func isTrace(_ file: ReadableFile) throws -> Bool {
        if file.name.hasSuffix(".jsonl") { return true }
        let head = try file.peek(upTo: 256)
        let text = String(decoding: head, as: UTF8.self).drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        return text.hasPrefix("{") && text.prefix(while: { $0 != "\n" }).contains("\"looplens\"")
    }
}
