import Foundation
import LoopLensTestSupport
import Testing

/// The simulator against CPython: each pair's program runs under every CPython found, and must
/// print the same lines in the same order as the simulation's `print` events, each at the
/// simulated time (within 5 % of the run's scaled length, and at least 15 ms of wall clock, which
/// a loaded machine may add to a wake-up; a run that misses is repeated, up to three in all). Pairs
/// run one at a time so they do not slow each other.
@Suite(.serialized) struct FidelityTests {
    static let interpreters = PythonInterpreters.found

    @Test func pairsAndInterpretersWereFound() {
        #expect(FidelityPair.all.count >= 25, "pairs found in \(FidelityPair.folder.path): \(FidelityPair.all.map(\.name))")
        #expect(!Self.interpreters.isEmpty, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
    }

    @Test(arguments: FidelityPair.all)
    func printsInCPythonsOrderAtTheSimulatedTimes(pair: FidelityPair) throws {
        let expected = try pair.simulatedPrints()
        #expect(!expected.isEmpty, "\(pair.name): the scenario prints nothing to compare")
        let span = expected.compactMap(\.time).max() ?? 0
        let tolerance = max(0.05 * span, 0.015 / pair.scale)
        for python in Self.interpreters {
            // Times are measured, so a busy machine can make one run late: a run with a line off
            // its time is repeated, up to three runs in all, and the best one counts. The order of
            // the lines must be right every time.
            for attempt in 1...3 {
                let (printed, stderr) = try pair.printedLines(with: python)
                #expect(printed.map(\.text) == expected.map(\.text), "\(pair.name) with \(python)\n\(stderr)")
                guard printed.map(\.text) == expected.map(\.text) else { break }
                let offTime = zip(printed, expected).compactMap { line, simulated -> String? in
                    guard let real = line.time, let virtual = simulated.time, abs(real - virtual) > tolerance else { return nil }
                    return "'\(line.text)' at \(real) s, simulated \(virtual) s (± \(tolerance))"
                }
                if offTime.isEmpty { break }
                if attempt == 3 {
                    Issue.record("\(pair.name) with \(python), in each of 3 runs; the last: \(offTime.joined(separator: "; "))")
                }
            }
        }
    }
}
