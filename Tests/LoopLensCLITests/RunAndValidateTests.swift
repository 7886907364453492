import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// `looplens run` and `looplens validate`, run as a user would.
@Suite struct RunAndValidateTests {
    @Test func runPrintsTotalsPerTaskTimesAndSpeedup() throws {
        let result = try looplens("run", "Scenarios/downloads.yaml")
        #expect(result.status == 0)
        let expected = """
            Three page downloads

            sequential: total 6.00 s
            task      start  finish  running  ready  waiting  result
            main        0 s  6.00 s      0 s    0 s   6.00 s  ok
              page1     0 s  2.00 s      0 s    0 s   2.00 s  ok
              page2  2.00 s  4.00 s      0 s    0 s   2.00 s  ok
              page3  4.00 s  6.00 s      0 s    0 s   2.00 s  ok
            waiting to run (ready → running): 4 times, every one 0 s

            concurrent: total 2.00 s
            task     start  finish  running  ready  waiting  result
            main       0 s  2.00 s      0 s    0 s   2.00 s  ok
              page1    0 s  2.00 s      0 s    0 s   2.00 s  ok
              page2    0 s  2.00 s      0 s    0 s   2.00 s  ok
              page3    0 s  2.00 s      0 s    0 s   2.00 s  ok
            waiting to run (ready → running): 8 times, every one 0 s

            concurrent: 3.00× faster than sequential (2.00 s vs 6.00 s)

            critical path of sequential (6.00 s):
              main   waits on gather page1, page2, page3  4.00 s  67%
              page3  waits on io GET /page3               2.00 s  33%
              main   runs                                    0 s   0%

            critical path of concurrent (2.00 s):
              main   runs                       0 s    0%
              page3  waits on io GET /page3  2.00 s  100%
              main   runs                       0 s    0%

            No findings.

            """
        #expect(result.stdout == expected)
    }

    @Test func aRunWithManyTasksListsItsSlowestAndAllListsEveryOne() throws {
        let scenario = try temporaryDirectory().appendingPathComponent("forty.yaml")
        try """
        scenario: Forty parsers
        compare: [sequential, concurrent]
        tasks:
          - name: parse{i}
            count: 40
            steps:
              - cpu: 100ms
        """.write(to: scenario, atomically: true, encoding: .utf8)
        let result = try looplens("run", scenario.path)
        #expect(result.status == 0)
        // On one loop parse i waits for the i - 1 before it: the last is the slowest (ties: tree order).
        let concurrent = """
            concurrent: total 4.00 s
            task        start  finish    running   ready  waiting  result
            main          0 s  4.00 s        0 s     0 s   4.00 s  ok
              parse40  3.90 s  4.00 s  100.00 ms  3.90 s      0 s  ok
              parse39  3.80 s  3.90 s  100.00 ms  3.80 s      0 s  ok
              parse38  3.70 s  3.80 s  100.00 ms  3.70 s      0 s  ok
              parse37  3.60 s  3.70 s  100.00 ms  3.60 s      0 s  ok
              parse36  3.50 s  3.60 s  100.00 ms  3.50 s      0 s  ok
              parse35  3.40 s  3.50 s  100.00 ms  3.40 s      0 s  ok
              parse34  3.30 s  3.40 s  100.00 ms  3.30 s      0 s  ok
              parse33  3.20 s  3.30 s  100.00 ms  3.20 s      0 s  ok
              parse32  3.10 s  3.20 s  100.00 ms  3.10 s      0 s  ok
            … and 31 more tasks, the slowest listed first; --all lists every one

            """
        #expect(result.stdout.contains(concurrent))
        #expect(result.stdout.contains("\n  parse9  800.00 ms  900.00 ms  100.00 ms    0 s      0 s  ok\n… and 31 more tasks"))
        let all = try looplens("run", scenario.path, "--all")
        #expect(
            all.stdout.split(separator: "\n").filter { $0.hasPrefix("  parse") && $0.hasSuffix("  ok") }.count == 80, "two tables of 40")
        #expect(!all.stdout.contains("more tasks"))
        #expect(try looplens("run", scenario.path, "--ascii").stdout.contains("\n... and 31 more tasks"))
    }

    @Test func runWritesATraceThatValidatesAndRoundTrips() throws {
        let directory = try temporaryDirectory()
        let trace = directory.appendingPathComponent("downloads.jsonl").path
        let run = try looplens("run", "Scenarios/downloads.yaml", "-o", trace)
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["downloads.jsonl"], "no temporary file is left")
        let validate = try looplens("validate", trace)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("ok: trace with 2 runs (sequential, concurrent), 56 events"))
        let read = try TraceReader.read(file: trace)
        #expect(read.problems.isEmpty)
        #expect(read.trace.runs.map(\.duration) == [6_000_000_000, 2_000_000_000])
    }

    @Test func badScenarioExitsOneWithLocation() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "scenario: bad\ntasks:\n  - name: a\n    steps:\n      - sleep: -1s\n      - slep: 2s\n".write(
            to: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.jsonl").path
        let result = try looplens("run", file.path, "-o", output)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):5:16: error: the duration '-1s' is negative"))
        #expect(result.stderr.contains("\(file.path):6:9: error: unknown step 'slep'"))
        #expect(!FileManager.default.fileExists(atPath: output), "no output is written for bad input")
        let validate = try looplens("validate", file.path)
        #expect(validate.status == 1)
        #expect(validate.stderr.split(separator: "\n").count == 2)
    }

    @Test func missingFileAndUnwritableOutputExitOne() throws {
        let missing = try looplens("validate", "does/not/exist.yaml")
        #expect(missing.status == 1)
        #expect(missing.stderr == "does/not/exist.yaml:1:1: error: no such file; check the path\n")
        let unwritable = try looplens("run", "Scenarios/downloads.yaml", "-o", "/nonexistent-dir/trace.jsonl")
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("cannot write the file"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try looplens("run").status == 2)
        #expect(try looplens("run", "Scenarios/downloads.yaml", "--bogus").status == 2)
        #expect(try looplens("--help").status == 0)
    }

    @Test func traceProblemsAreListedAndNamesSanitised() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("evil.jsonl")
        let lines = [
            #"{"looplens":1,"run":"r\u001b[2J"}"#,
            #"{"t":0,"run":"r\u001b[2J","task":1,"ev":"spawn","name":"\u001b]0;pwned\u0007x"}"#,
            #"{"t":1,"run":"r\u001b[2J","task":1,"ev":"finish"}"#,
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let good = try looplens("validate", file.path)
        #expect(good.status == 0)
        #expect(!good.stdout.contains("\u{1B}"))
        #expect(good.stdout.contains("(r?[2J)"))

        try (lines + [#"{"t":0,"run":"r\u001b[2J","task":1,"ev":"resume"}"#, "garbage"]).joined(separator: "\n").write(
            to: file, atomically: true, encoding: .utf8)
        let bad = try looplens("validate", file.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("evil.jsonl:4:2: error: time goes backwards"))
        #expect(bad.stderr.contains("evil.jsonl:5:1: error: a trace line must be a JSON object"))
    }

    @Test func everyShippedScenarioValidates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Scenarios").path)
        for name in names where name.hasSuffix(".yaml") {
            let result = try looplens("validate", "Scenarios/\(name)")
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
    }
}
