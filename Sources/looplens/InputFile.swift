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
    /// `overrides` change a scenario (`--set`); a trace refuses them.
    static func load(_ path: String, limits: SimulationLimits, overrides: [ScenarioOverride] = []) throws -> InputFile {
        let file = try ReadableFile(path: path)
        if try isTrace(file) {
            if let first = overrides.first {
                throw InputErrors([
                    InputError(
                        file: file.name, line: 1, column: 1,
                        message: "--set \(first) changes a scenario, and this file is a recorded trace; drop --set, or give the scenario")
                ])
            }
            let progress = ProgressLine.reportingBytes(of: file.name)
            defer { progress.clear() }
            let result = try TraceReader.read(file, progress: progress.report)
            guard result.problems.isEmpty else { throw InputErrors(result.problems) }
            return .trace(result.trace, warnings: result.warnings)
        }
        return .scenario(try ScenarioLoader.load(file, limits: limits, overrides: overrides))
    }

    /// The trace to show: a trace as read (its warnings printed), or a scenario simulated in each
    /// of its executions.
    static func loadTrace(_ path: String, limits: SimulationLimits, overrides: [ScenarioOverride] = []) throws -> Trace {
        try loadTraceAndScenario(path, limits: limits, overrides: overrides).trace
    }

    /// ``loadTrace(_:limits:overrides:)``, and the scenario simulated, if the file is one.
    static func loadTraceAndScenario(_ path: String, limits: SimulationLimits, overrides: [ScenarioOverride] = []) throws -> (
        trace: Trace, scenario: Scenario?
    ) {
        switch try load(path, limits: limits, overrides: overrides) {
        case .scenario(let scenario):
            return (try simulate(scenario, from: path, limits: limits), scenario)
        case .trace(let trace, let warnings):
            printWarnings(warnings)
            return (trace, nil)
        }
    }

    /// `scenario`, read from `path`, simulated in each of its executions.
    ///
    /// - Throws: ``InputErrors`` naming the file when a run passes the event limit.
    static func simulate(_ scenario: Scenario, from path: String, limits: SimulationLimits) throws -> Trace {
        let progress = ProgressLine.reportingSimulation(of: path)
        defer { progress.clear() }
        do {
            return try Simulator.trace(of: scenario, limits: limits, progress: progress.report)
        } catch {
            throw InputErrors([InputError(file: path, line: 1, column: 1, message: error.message)])
        }
    }

    static func printWarnings(_ warnings: [InputError]) {
        for warning in warnings {
            FileHandle.standardError.write(Data((warning.description + "\n").utf8))
        }
    }

    private static func isTrace(_ file: ReadableFile) throws -> Bool {
        if file.name.hasSuffix(".jsonl") { return true }
        let head = try file.peek(upTo: 256, firstLineOnly: true)
        let text = String(decoding: head, as: UTF8.self).drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        return text.hasPrefix("{") && text.prefix(while: { $0 != "\n" }).contains("\"looplens\"")
    }
}
