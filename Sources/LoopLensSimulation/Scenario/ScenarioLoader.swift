import Foundation
import LoopLensTrace
import Yams

/// Reads scenario files (YAML, or JSON, which is YAML too).
public enum ScenarioLoader {
    /// The largest scenario file read. Scenarios are written by hand; a larger file is a mistake
    /// (or a trace given as a scenario), and YAML parsing needs memory many times its size.
    public static let maximumFileSize = 16 << 20

    /// Reads and checks the scenario in the file at `path`.
    ///
    /// - Throws: ``InputErrors`` listing every problem, each with its line and column.
    public static func load(file path: String, limits: SimulationLimits = .standard, overrides: [ScenarioOverride] = []) throws -> Scenario
    {
        try load(ReadableFile(path: path), limits: limits, overrides: overrides)
    }

    /// Reads and checks the scenario in an opened file.
    ///
    /// - Throws: ``InputErrors`` listing every problem, each with its line and column.
    public static func load(_ file: ReadableFile, limits: SimulationLimits = .standard, overrides: [ScenarioOverride] = []) throws
        -> Scenario
    {
        let bytes = try file.readAll(limit: maximumFileSize, what: "a scenario")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputErrors([InputError(file: file.name, line: 1, column: 1, message: "the file is not UTF-8 text; save it as UTF-8")])
        }
        return try parse(text, file: file.name, limits: limits, overrides: overrides)
    }

    /// Parses and checks a scenario from YAML text, changed by `overrides` (see
    /// ``ScenarioOverride``); `file` names it in messages.
    ///
    /// - Throws: ``InputErrors`` listing every problem, each with its line and column.
    public static func parse(_ yaml: String, file: String, limits: SimulationLimits = .standard, overrides: [ScenarioOverride] = [])
        throws -> Scenario
    {
        try YAMLExpansion.check(yaml, file: file, limit: limits.yamlNodes)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw InputErrors([syntaxError(error, file: file)])
        } catch {
            throw InputErrors([InputError(file: file, line: 1, column: 1, message: "the file is not valid YAML: \(error)")])
        }
        var changed = root
        for override in overrides {
            guard let tree = changed else { break }
            do {
                changed = try override.applied(to: tree, file: file)
            } catch {
                throw InputErrors([error])
            }
        }
        var parser = ScenarioParser(file: file, limits: limits)
        let scenario = parser.parseScenario(changed)
        guard parser.problems.isEmpty, let scenario else {
            var problems = parser.reportedProblems
            if !overrides.isEmpty {
                let given = overrides.map { "--set \($0)" }.joined(separator: ", ")
                problems.append(
                    InputError(
                        file: file, line: 1, column: 1,
                        message: "the scenario was changed by \(given); a value given there may be the one at fault"))
            }
            throw InputErrors(problems)
        }
        return scenario
    }

    private static func syntaxError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return InputError(
                file: file, line: mark.line, column: mark.column,
                message: "YAML syntax error: \(problem); check the indentation and quoting here")
        default:
            return InputError(file: file, line: 1, column: 1, message: "the file is not valid YAML: \(error)")
        }
    }
}
