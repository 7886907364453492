import Foundation
import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// A scenario and the asyncio (or threaded) program it stands for: `Pairs/NAME.py`, whose header
/// comments say which scenario (`# scenario: Scenarios/x.yaml`; by default `Pairs/NAME.yaml`),
/// which execution the program is (`# execution: threads`; by default `concurrent`) and the
/// wall-clock scale of its waits (`# scale: 0.05`; by default 0.1).
struct FidelityPair: CustomTestStringConvertible, Sendable {
    static let folder = packageRoot.appendingPathComponent("Tests/LoopLensFidelityTests/Pairs")

    var name: String
    var program: URL
    var scenario: URL
    var execution: Execution
    var scale: Double

    var testDescription: String { name }

    /// Every pair in ``folder``, by name.
    static let all: [FidelityPair] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".py") && $0 != "fidelity.py" }.sorted().map { FidelityPair(program: $0) }
    }()

    private init(program file: String) {
        name = String(file.dropLast(3))
        program = Self.folder.appendingPathComponent(file)
        var header: [String: String] = [:]
        let text = (try? String(contentsOf: program, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            guard line.hasPrefix("# "), let colon = line.firstIndex(of: ":") else { break }
            let key = line.dropFirst(2)[..<colon].trimmingCharacters(in: .whitespaces)
            header[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        scenario = header["scenario"].map { packageRoot.appendingPathComponent($0) } ?? Self.folder.appendingPathComponent("\(name).yaml")
        execution = header["execution"].flatMap(Execution.init(rawValue:)) ?? .concurrent
        scale = header["scale"].flatMap(Double.init) ?? 0.1
    }

    /// What the simulation prints, in order, with virtual times in seconds.
    func simulatedPrints() throws -> [Line] {
        let run = try Simulator.run(try ScenarioLoader.load(file: scenario.path), as: execution)
        return run.events.compactMap { event in
            guard event.kind == .print, case .text(let text)? = event.detail else { return nil }
            return Line(text: text, time: Double(event.time) / 1e9)
        }
    }

    /// What the program prints with `python`: each line's text, and its virtual time if it logged one.
    func printedLines(with python: String) throws -> (lines: [Line], stderr: String) {
        let (stdout, stderr) = try output(of: [program.path], with: python, scale: scale)
        let lines = stdout.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            return Line(text: String(fields[0]), time: fields.count > 1 ? Double(fields[1]) : nil)
        }
        return (lines, stderr)
    }

    /// The program's run as the asyncio tracer records it with `python`, its waits scaled by `scale`.
    func tracedRun(with python: String, scale: Double) throws -> (run: Run?, stderr: String) {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-\(name)-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let (_, stderr) = try output(of: [pythonTracerPath, "-o", trace, program.path], with: python, scale: scale)
        let read = try TraceReader.read(file: trace)
        let problems = read.problems + read.warnings.map(\.asError)
        return (problems.isEmpty ? read.trace.runs.first : nil, stderr + problems.map(\.description).joined(separator: "\n"))
    }

    /// Runs `python` with `arguments` in ``folder`` (where `fidelity.py` is), its waits scaled by `scale`.
    private func output(of arguments: [String], with python: String, scale: Double) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.currentDirectoryURL = Self.folder
        process.environment = ProcessInfo.processInfo.environment.merging(["LOOPLENS_SCALE": "\(scale)"]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (stdout, stderr)
    }

    struct Line: Equatable {
        var text: String
        var time: Double?
    }
}
