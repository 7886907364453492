import Foundation
import LoopLensTestSupport
import Testing

/// `looplens check`: exit codes for CI, and a JSON shape scripts can rely on.
@Suite struct CheckCommandTests {
    @Test func exitCodesSayWhetherAnythingWasFound() throws {
        let clean = try looplens("check", "Scenarios/downloads.yaml")
        #expect(clean.status == 0 && clean.stdout == "No findings.\n", "\(clean.stderr)")
        let found = try looplens("check", "Scenarios/blocking_the_loop.yaml")
        #expect(found.status == 3)
        #expect(found.stdout.hasPrefix("2 findings:\n\n[blocking-the-loop] concurrent at 0 s–3.00 s\n"))
        #expect(found.stdout.contains("  → Move the CPU-bound or blocking work off the loop"))
        let ignored = try looplens("check", "Scenarios/blocking_the_loop.yaml", "--ignore", "blocking-the-loop", "--ignore", "cpu-bound")
        #expect(ignored.status == 0)
        let missing = try looplens("check", "no-such-file.jsonl")
        #expect(missing.status == 1 && missing.stderr.contains("no-such-file.jsonl"))
        let unknownRule = try looplens("check", "Scenarios/downloads.yaml", "--ignore", "speling")
        #expect(unknownRule.status == 2 && unknownRule.stderr.contains("no rule is named 'speling'; the rules are blocking-the-loop"))
        let badThreshold = try looplens("check", "Scenarios/downloads.yaml", "--block-threshold", "soon")
        #expect(badThreshold.status == 2 && badThreshold.stderr.contains("'soon' is not a duration"))
    }

    /// For a scenario, a CPU-bound run is simulated again on a pool of processes: four 1 s hashes
    /// on four cores take 1 s; blocking_the_loop's 3 s of compressing, beside 1.5 s of ticking,
    /// takes 3 s.
    @Test func aCPUBoundScenarioIsProvedOnAPoolOfProcesses() throws {
        let exported = try looplens("export", "Scenarios/cpu_bound.yaml", "--width", "80")
        #expect(exported.stdout.contains("  · the whole program simulated again on a pool of 4 processes: 1.00 s instead of 4.00 s"))
        let hashes = try looplens("check", "Scenarios/cpu_bound.yaml")
        #expect(
            hashes.stdout.contains(
                "  · the whole program simulated again on a pool of 4 processes: 1.00 s instead of 4.00 s, 4.00× faster\n"))
        let compress = try looplens("run", "Scenarios/blocking_the_loop.yaml", "--ascii")
        #expect(
            compress.stdout.contains(
                "  - the whole program simulated again on a pool of 4 processes: 3.00 s instead of 4.00 s, 1.33x faster\n"))
    }

    @Test func asciiKeepsToSevenBits() throws {
        let result = try looplens("check", "Scenarios/cpu_bound.yaml", "--ascii")
        #expect(result.status == 3)
        #expect(result.stdout.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
        #expect(result.stdout.contains("[cpu-bound] concurrent at 0 s-4.00 s\n"))
    }

    @Test func jsonListsEachFindingWithItsTimesAndTasks() throws {
        let result = try looplens("check", "Scenarios/blocking_the_loop.yaml", "--format", "json")
        #expect(result.status == 3)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let first = findings[0]
        #expect(Set(first.keys) == ["rule", "run", "summary", "evidence", "advice", "start", "end", "tasks"])
        #expect(first["rule"] as? String == "blocking-the-loop" && first["run"] as? String == "concurrent")
        #expect(first["start"] as? Int == 0 && first["end"] as? Int == 3_000_000_000)
        let tasks = try #require(first["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["name"] as? String } == ["compress", "ticker", "fetch1", "fetch2"])
        #expect(tasks.map { $0["id"] as? Int } == [4, 1, 2, 3])
        let clean = try looplens("check", "Scenarios/downloads.yaml", "--format", "json")
        #expect(clean.status == 0 && clean.stdout == "{\n  \"findings\" : [\n\n  ]\n}\n")
    }

    @Test func runAndExportEndWithTheFindings() throws {
        let run = try looplens("run", "Scenarios/blocking_the_loop.yaml")
        #expect(run.status == 0 && run.stdout.contains("\n2 findings:\n\n[blocking-the-loop] concurrent at 0 s–3.00 s\n"))
        let export = try looplens("export", "Scenarios/blocking_the_loop.yaml", "--width", "80")
        #expect(export.stdout.contains("\n\n2 findings:\n\n[blocking-the-loop]"))
        let without = try looplens("export", "Scenarios/blocking_the_loop.yaml", "--width", "80", "--no-findings")
        #expect(!without.stdout.contains("finding"))
        let sequentialOnly = try looplens("export", "Scenarios/blocking_the_loop.yaml", "--width", "80", "--runs", "sequential")
        #expect(!sequentialOnly.stdout.contains("finding"), "findings only of the runs shown, and sequential is never judged")
    }

    /// A real program that blocks its loop, traced by the Python tracer, is found out from its
    /// trace alone.
    @Test(arguments: PythonInterpreters.found)
    func aRealProgramThatBlocksItsLoopIsFoundOut(python: String) throws {
        let directory = try temporaryDirectory()
        let script = directory.appendingPathComponent("program.py")
        try """
        import asyncio, time

        async def hog():
            time.sleep(0.3)

        async def other():
            await asyncio.sleep(0)

        async def main():
            await asyncio.gather(hog(), other(), other())

        asyncio.run(main())
        """.write(to: script, atomically: true, encoding: .utf8)
        let trace = directory.appendingPathComponent("trace.jsonl").path
        let traced = try run([pythonTracerPath, "-o", trace, script.path], executable: URL(fileURLWithPath: python))
        #expect(traced.status == 0, "\(traced.stderr)")
        let result = try looplens("check", trace, "--format", "json")
        #expect(result.status == 3)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        let blocking = try #require(findings.first { $0["rule"] as? String == "blocking-the-loop" }, "\(result.stdout)")
        let tasks = try #require(blocking["tasks"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(tasks.first?.hasPrefix("hog") == true && tasks.dropFirst().allSatisfy { $0.hasPrefix("other") } && tasks.count == 3)
        #expect((blocking["summary"] as? String)?.contains("held the loop for 3") == true, "300 ms and a little")
    }

    /// The Python tracer records who takes each lock and semaphore: the lanes get drawn, and a lock
    /// held across a sleep while two others queue is found out.
    @Test(arguments: PythonInterpreters.found)
    func aRealProgramHoldingALockAcrossAnAwaitIsFoundOut(python: String) throws {
        let directory = try temporaryDirectory()
        let script = directory.appendingPathComponent("program.py")
        try """
        import asyncio

        async def worker(lock):
            async with lock:
                await asyncio.sleep(0.2)

        async def main():
            lock = asyncio.Lock()
            sem = asyncio.BoundedSemaphore(1)
            async def limited():
                async with sem:
                    await asyncio.sleep(0.01)
            await asyncio.gather(*(worker(lock) for _ in range(3)), limited(), limited())

        asyncio.run(main())
        """.write(to: script, atomically: true, encoding: .utf8)
        let trace = directory.appendingPathComponent("trace.jsonl").path
        let traced = try run([pythonTracerPath, "-o", trace, script.path], executable: URL(fileURLWithPath: python))
        #expect(traced.status == 0, "\(traced.stderr)")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.contains("\"ev\":\"acquire\",\"on\":\"lock\",\"what\":\"lock 1\"") }.count == 3)
        #expect(lines.filter { $0.contains("\"ev\":\"release\",\"on\":\"semaphore\",\"what\":\"semaphore 1\"") }.count == 2)
        let result = try looplens("check", trace, "--format", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "lock-held-across-await" }.count == 2, "\(result.stdout)")
        let export = try looplens("export", trace, "--width", "100", "--no-findings")
        #expect(export.stdout.contains("\nlock 1 ") && export.stdout.contains("\nsemaphore 1 "))
    }

    @Test func interpretersWereFound() {
        #expect(!PythonInterpreters.found.isEmpty, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
    }
}
