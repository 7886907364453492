import ArgumentParser
import LoopLensInsight
import LoopLensTrace

/// The options that tune the findings, shared by `check`, `run` and `export`.
struct FindingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A task running without awaiting longer than this while others are ready blocks the loop (e.g. 50ms); also the smallest saving serial awaits must offer.",
            valueName: "duration"))
    var blockThreshold: String = "100ms"

    @Option(
        name: .customLong("ignore"),
        help: ArgumentHelp("A rule not to report (repeatable): \(Checker.rules.map(\.name).joined(separator: ", ")).", valueName: "rule"))
    var ignoredRules: [String] = []

    func validate() throws {
        _ = try threshold()
        let known = Set(Checker.rules.map(\.name))
        for rule in ignoredRules where !known.contains(rule) {
            throw ValidationError(
                "--ignore: no rule is named '\(rule.sanitizedForTerminal)'; the rules are \(known.sorted().joined(separator: ", "))")
        }
    }

    /// The check's options, worded in ASCII when `ascii`.
    func options(ascii: Bool) throws -> CheckOptions {
        CheckOptions(blockThreshold: try threshold(), ignoredRules: Set(ignoredRules), ascii: ascii)
    }

    private func threshold() throws -> Nanoseconds {
        do {
            let threshold = try DurationParser.parse(blockThreshold)
            guard threshold > 0 else { throw ValidationError("--block-threshold must be more than 0, e.g. 100ms") }
            return threshold
        } catch is DurationParser.Failure {
            throw ValidationError("--block-threshold: '\(blockThreshold.sanitizedForTerminal)' is not a duration; write e.g. 100ms or 0.5s")
        }
    }
}
