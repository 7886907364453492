import Foundation
import LoopLensFuzzing
import LoopLensTestSupport
import Testing

/// Every input that once crashed or hung LoopLens (found by a fuzzer, or by hand before the
/// fuzzers existed) replayed through the fuzz targets' own code: each must now end normally.
/// A crash the fuzzers find goes into `Inputs/trace` or `Inputs/scenario` (see docs/fuzzing.md).
@Suite struct FuzzRegressionTests {
    static let inputs = packageRoot.appendingPathComponent("Tests/LoopLensFuzzRegressionTests/Inputs")

    static func files(in folder: String) -> [String] {
        let path = inputs.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
    }

    static let traces = files(in: "trace")
    static let scenarios = files(in: "scenario")

    @Test func inputsWereFound() {
        #expect(!Self.traces.isEmpty, "no trace inputs in \(Self.inputs.path)/trace")
        #expect(!Self.scenarios.isEmpty, "no scenario inputs in \(Self.inputs.path)/scenario")
    }

    @Test(arguments: traces)
    func traceInputEndsNormally(_ path: String) throws {
        FuzzHarness.readTrace(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: scenarios)
    func scenarioInputEndsNormally(_ path: String) throws {
        FuzzHarness.simulateScenario(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
