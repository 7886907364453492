import Foundation
import LoopLensTestSupport
import Testing

/// `looplens run --real`: a scenario run for real beside its simulation, as a user runs it.
@Suite struct RealRunCommandTests {
    @Test func aRealRunIsAddedBesideTheSimulatedOnesAndValidates() throws {
        let directory = try temporaryDirectory()
        let trace = directory.appendingPathComponent("downloads.jsonl").path
        let run = try looplens("run", "--real", "--scale", "0.01", "Scenarios/downloads.yaml", "-o", trace)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nreal: total "))
        #expect(run.stdout.contains("\nreal: ") && run.stdout.contains(" sequential ("))

        let validate = try looplens("validate", trace)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("3 runs"), "\(validate.stdout)")

        let export = try looplens("export", trace, "--runs", "concurrent,real", "--ascii", "--width", "80")
        #expect(export.status == 0)
        #expect(export.stdout.contains("concurrent"))
        #expect(export.stdout.contains("real"))
        #expect(export.stdout.components(separatedBy: "page1").count - 1 == 2, "a page1 lane per run")
    }

    @Test func scaleWithoutRealIsAUsageError() throws {
        let result = try looplens("run", "--scale", "0.01", "Scenarios/downloads.yaml")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--scale applies to --real"))
        let zero = try looplens("run", "--real", "--scale", "0", "Scenarios/downloads.yaml")
        #expect(zero.status == 2)
    }

    @Test func aScenarioThatDeadlocksIsNotRunForReal() throws {
        let directory = try temporaryDirectory()
        let scenario = directory.appendingPathComponent("deadlock.yaml")
        try """
        scenario: Two locks taken in opposite orders
        locks: [a, b]
        tasks:
          - name: left
            steps:
              - lock: a
                steps: [{sleep: 1s}, {lock: b, steps: [{print: never}]}]
          - name: right
            steps:
              - lock: b
                steps: [{sleep: 1s}, {lock: a, steps: [{print: never}]}]
        """.write(to: scenario, atomically: true, encoding: .utf8)
        let result = try looplens("run", "--real", "--scale", "0.01", scenario.path)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("deadlock.yaml:1:1: error: --real: the program deadlocks at 1.00 s when simulated"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
