import Foundation
import LoopLensTestSupport
import Testing

/// What-if: `--set` changes a scenario before it runs; `sweep` runs it for each value of one
/// setting. Totals are hand-computed from the simulator's rules.
@Suite struct WhatIfTests {
    /// Five 1 s downloads share a semaphore: of 2, they run in waves 2, 2, 1 (3 s); of 4, in
    /// waves 4, 1 (2 s); of 5, all at once (1 s).
    @Test func setChangesTheScenarioForRunExportCheckAndTheTimeline() throws {
        let base = try looplens("run", "Scenarios/semaphore_limit.yaml")
        #expect(base.stdout.contains("concurrent: total 3.00 s"))
        let four = try looplens("run", "Scenarios/semaphore_limit.yaml", "--set", "semaphores.pool=4")
        #expect(four.status == 0 && four.stdout.contains("concurrent: total 2.00 s"))
        let five = try looplens("export", "Scenarios/semaphore_limit.yaml", "--set", "semaphores.pool=5", "--width", "80")
        #expect(five.stdout.contains("concurrent · 1.00 s"))
        // Several changes, a key the file lacks, and a step by its index: two pages of 3 s each.
        let changed = try looplens(
            "run", "Scenarios/downloads.yaml", "--set", "tasks.page{i}.count=2", "--set", "tasks.page{i}.steps.1.io=3s", "--set",
            "compare=[sequential, concurrent, threads]")
        #expect(changed.stdout.contains("concurrent: total 3.00 s") && changed.stdout.contains("sequential: total 6.00 s"))
        #expect(changed.stdout.contains("threads: total 3.00 s"), "compare: replaced by a list written in the value")
        let check = try looplens("check", "Scenarios/blocking_the_loop.yaml", "--set", "tasks.compress.steps.0.cpu=50ms")
        #expect(check.status == 0, "50 ms of computing blocks nobody for long: \(check.stdout)")
        // `looplens FILE` without a terminal prints the text export.
        let opened = try looplens("Scenarios/semaphore_limit.yaml", "--set", "semaphores.pool=5")
        #expect(opened.stdout.contains("concurrent · 1.00 s"))
    }

    @Test func aKeyThatLeadsNowhereIsReportedWhereThePathStopped() throws {
        let result = try looplens("run", "Scenarios/scraper.yaml", "--set", "tasks.fetch.count=3")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Scenarios/scraper.yaml:10:3: error: --set tasks.fetch.count=3: 'tasks' has no item 'fetch'; it has items named fetch{i}"))
        let missing = try looplens("run", "Scenarios/semaphore_limit.yaml", "--set", "semaphore.pool=3")
        #expect(
            missing.status == 1
                && missing.stderr.contains("the scenario has no 'semaphore'; it has scenario, about, compare, semaphores, tasks"))
        let bad = try looplens("run", "Scenarios/scraper.yaml", "--set", "tasks.fetch{i}.count=abc")
        #expect(bad.status == 1 && bad.stderr.contains("Scenarios/scraper.yaml:11:12: error: 'count' must be a whole number of at least 1"))
        #expect(bad.stderr.contains("the scenario was changed by --set tasks.fetch{i}.count=abc"))
        let malformed = try looplens("run", "Scenarios/scraper.yaml", "--set", "threads")
        #expect(malformed.status == 2 && malformed.stderr.contains("--set 'threads': write KEY=VALUE"))
        let directory = try temporaryDirectory()
        let trace = directory.appendingPathComponent("t.jsonl").path
        _ = try looplens("run", "Scenarios/downloads.yaml", "-o", trace)
        let onTrace = try looplens("export", trace, "--set", "threads=2")
        #expect(onTrace.status == 1 && onTrace.stderr.contains("--set threads=2 changes a scenario, and this file is a recorded trace"))
    }

    /// The scraper over 1 to 500 fetches (500 ms download, 20 ms parsing each): sequentially
    /// N × 520 ms; on one loop 500 ms + N × 20 ms; on four threads under the GIL, as the
    /// simulator's switch-interval rules give. Concurrent grows far slower than threads.
    @Test func sweepingTheScraperReproducesThreadsAgainstAsyncio() throws {
        let result = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "tasks.fetch{i}.count=1,10,50,100,500")
        #expect(result.status == 0, "\(result.stderr)")
        let table = """
            A web scraper: total time against tasks.fetch{i}.count

            tasks.fetch{i}.count  sequential    threads  concurrent
                               1   520.00 ms  520.00 ms   520.00 ms
                              10      5.20 s     1.66 s   700.00 ms
                              50     26.00 s     6.88 s      1.50 s
                             100     52.00 s    13.19 s      2.50 s
                             500    260.00 s    65.19 s     10.50 s

            """
        #expect(result.stdout.hasPrefix(table))
        #expect(result.stdout.hasSuffix("s sequential   t threads   c concurrent\n"))
        let svg = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "threads=1,2,4,8", "--format", "svg")
        #expect(svg.status == 0 && svg.stdout.hasPrefix("<?xml") && svg.stdout.components(separatedBy: "<polyline").count == 4)
    }

    @Test func sweepRefusesWhatItCannotSweep() throws {
        let none = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "threads=2")
        #expect(none.status == 2 && none.stderr.contains("give the setting to sweep and its values with --set KEY=V1,V2"))
        let two = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "threads=1,2", "--set", "cores=1,2")
        #expect(two.status == 2 && two.stderr.contains("sweep one setting at a time"))
        let empty = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "threads=1,")
        #expect(empty.status == 2 && empty.stderr.contains("two or more values, separated by commas, none empty"))
        let wrong = try looplens("sweep", "Scenarios/scraper.yaml", "--set", "threads=1,many")
        #expect(wrong.status == 1 && wrong.stderr.contains("Scenarios/scraper.yaml:"))
    }
}
