import Foundation
import LoopLensSimulation
import LoopLensTrace

/// A file given on the command line: a scenario to simulate or a recorded trace.
enum InputFile {
    case scenario(Scenario)
    case trace(Trace, warnings: [String])

    /// Reads `path`, deciding by content: a `.jsonl` file, or one whose first line is a JSON object
    /// with a `looplens` field, is a trace; anything else is a scenario.
    ///
    /// - Throws: ``InputErrors`` with every problem found.
    static func load(_ path: String) throws -> InputFile {
        if isTrace(path) {
            let result = try TraceReader.read(file: path, progress: ProgressLine.reportingBytes(of: path))
            guard result.problems.isEmpty else { throw InputErrors(result.problems) }
            return .trace(result.trace, warnings: result.warnings)
        }
        return .scenario(try ScenarioLoader.load(file: path))
    }

    /// The trace to show: a trace as read (its warnings printed), or a scenario simulated in each
    /// of its executions.
    static func loadTrace(_ path: String) throws -> Trace {
        switch try load(path) {
        case .scenario(let scenario):
            return Simulator.trace(of: scenario)
        case .trace(let trace, let warnings):
            warnings.forEach(printWarning)
            return trace
        }
    }

    static func printWarning(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private static func isTrace(_ path: String) -> Bool {
        if path.hasSuffix(".jsonl") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        let text = String(decoding: head, as: UTF8.self).drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        return text.hasPrefix("{") && text.prefix(while: { $0 != "\n" }).contains("\"looplens\"")
    }
}
