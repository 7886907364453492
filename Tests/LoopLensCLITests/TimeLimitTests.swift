import Foundation
import Testing

/// Times and durations past ``TimeLimit`` (100 years) are refused where they enter, with a located
/// message; those up to it are shown. (The rows of issue #12's table that crashed with SIGILL.)
@Suite struct TimeLimitTests {
    func file(_ name: String, _ text: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func scenario(steps: String, count: Int = 1) throws -> String {
        try file("huge.yaml", "scenario: huge\ntasks:\n  - name: a{i}\n    count: \(count)\n    steps:\n\(steps)")
    }

    @Test func aWindowWithoutAnEndRunsToTheEndOfTheTrace() throws {
        let result = try looplens("export", "Scenarios/downloads.yaml", "--from", "1s", "--width", "60")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1s") && result.stdout.contains("6s"))
    }

    @Test func aDurationPastTheLimitIsALocatedError() throws {
        let path = try scenario(steps: "      - io: 9223372036854775807ns\n")
        for command in ["validate", "run", "export"] {
            let result = try looplens(command, path)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "huge.yaml:6:13: error: the duration '9223372036854775807ns' is longer than 100 years, the longest LoopLens simulates"))
        }
    }

    @Test func durationsAddingUpPastTheLimitAreRefused() throws {
        let path = try scenario(steps: "      - sleep: 1000000000s\n      - cpu: 1000000000s\n", count: 3)
        let result = try looplens("run", path)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "huge.yaml:3:5: error: the scenario's durations add up to more than 100 years (task 'a1' alone: 2000000000.00 s)"))
    }

    @Test func aScenarioAtTheLimitRunsInEveryExecution() throws {
        let path = try file(
            "limit.yaml",
            """
            scenario: at the limit
            compare: [sequential, concurrent, threads, processes]
            tasks:
              - name: a
                steps:
                  - io: 3155760000s
            """)
        let run = try looplens("run", path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("processes: total 3155760000.00 s"))
        let export = try looplens("export", path, "--width", "1000")
        #expect(export.status == 0)
    }

    @Test func traceTimesPastTheLimitAreALocatedError() throws {
        let header = #"{"looplens":1,"run":"real","scenario":"far","clock":"monotonic"}"#
        let far = try file("far.jsonl", header + "\n" + #"{"t":200000000000000000,"task":1,"ev":"spawn","name":"x"}"# + "\n")
        let shown = try looplens("export", far, "--width", "60")
        #expect(shown.status == 0, "6 years is within the limit: \(shown.stderr)")
        let beyond = try file("beyond.jsonl", header + "\n" + #"{"t":9223372036854775807,"task":1,"ev":"spawn","name":"x"}"# + "\n")
        // `open` is what the TUI loads through (without a terminal it prints the export instead).
        for command in ["validate", "export", "open"] {
            let result = try looplens(command, beyond)
            #expect(result.status == 1)
            #expect(result.stderr.contains("beyond.jsonl:2:2: error: \"t\" is 9223372036854775807 ns, later than 100 years"))
        }
    }

    @Test func windowBoundsAndScalesPastTheirLimitsAreUsageErrors() throws {
        let window = try looplens("export", "Scenarios/downloads.yaml", "--to", "3155760001s")
        #expect(window.status == 2)
        #expect(window.stderr.contains("--to '3155760001s' is later than 100 years"))
        let scale = try looplens("run", "Scenarios/downloads.yaml", "--real", "--scale", "1e-300")
        #expect(scale.status == 2)
        #expect(scale.stderr.contains("--scale must be from 0.001 to 100"))
        let long = try scenario(steps: "      - io: 3600s\n")
        let real = try looplens("run", long, "--real")
        #expect(real.status == 1)
        #expect(real.stderr.contains("the real run would take about 3600.00 s; the limit is 10 minutes, so lower --scale"))
    }
}
