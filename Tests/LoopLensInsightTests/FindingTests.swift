import LoopLensInsight
import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// Each rule fires on a scenario built to show it, with the times the simulator's rules give, and
/// stays silent where there is nothing to say.
@Suite struct FindingTests {
    @Test func blockingTheLoopNamesTheCulpritAndEveryDelayExactly() throws {
        let findings = Checker.findings(in: try trace(of: "blocking_the_loop")).filter { $0.rule == "blocking-the-loop" }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.run == "concurrent" && finding.start == 0 && finding.end == 3 * .perSecond)
        #expect(finding.summary == "compress held the loop for 3.00 s while 3 tasks waited to run, 6.50 s in all")
        #expect(
            finding.evidence == [
                "compress ran from 0 s to 3.00 s without awaiting, from its start until it finished",
                "ready and waiting for the loop meanwhile: ticker 2.50 s, fetch1 2.00 s and fetch2 2.00 s",
            ])
        #expect(finding.tasks == [4, 1, 2, 3], "compress first, then the delayed, longest delay first")
    }

    @Test func aThresholdAboveTheDelaysSilencesIt() throws {
        let trace = try trace(of: "blocking_the_loop")
        #expect(
            Checker.findings(in: trace, options: CheckOptions(blockThreshold: 2 * .perSecond)).map(\.rule) == [
                "blocking-the-loop", "cpu-bound",
            ])
        #expect(Checker.findings(in: trace, options: CheckOptions(blockThreshold: 3 * .perSecond)).map(\.rule) == ["cpu-bound"])
        #expect(Checker.findings(in: trace, options: CheckOptions(ignoredRules: ["blocking-the-loop", "cpu-bound"])).isEmpty)
    }

    /// What each shipped scenario is found to do: the two that compute, and the two that queue for
    /// a lock or a semaphore, say so; downloads, the plain concurrent case, says nothing.
    @Test func shippedScenariosSayWhatTheyTeach() throws {
        let expected: [String: [String]] = [
            "blocking_the_loop": ["blocking-the-loop", "cpu-bound"],
            // Threads under the GIL compute one at a time too.
            "cpu_bound": ["blocking-the-loop", "blocking-the-loop", "blocking-the-loop", "cpu-bound", "cpu-bound"],
            // worker1 and worker2 write while holding the lock the others queue for; worker3 has no one behind it.
            "lock_contention": ["lock-held-across-await", "lock-held-across-await"],
            "semaphore_limit": ["semaphore-saturated"],
        ]
        for name in [
            "api_gather", "blocking_the_loop", "cpu_bound", "downloads", "exceptions", "four_tasks", "lock_contention", "say_hello",
            "scraper", "semaphore_limit", "timeout", "to_thread",
        ] {
            #expect(Checker.findings(in: try trace(of: name)).map(\.rule) == expected[name, default: []], "\(name)")
        }
    }

    @Test func eachRuleFiresOnTheScenarioBuiltForIt() throws {
        let cases = [
            ("serial_awaits", "serial-awaits"), ("unobserved_failure", "unobserved-failure"), ("never_awaited", "never-awaited"),
            ("deadlock", "deadlock"),
        ]
        for (scenario, rule) in cases {
            #expect(Checker.findings(in: try trace(of: scenario, shipped: false)).map(\.rule) == [rule], "\(scenario)")
        }
    }

    /// worker1 writes for 1 s holding the lock while worker2 and worker3 queue (2 s of waiting);
    /// then worker2, with worker3 behind it (1 s).
    @Test func aLockHeldAcrossAnAwaitNamesTheHolderAndTheQueue() throws {
        let findings = Checker.findings(in: try trace(of: "lock_contention"))
        #expect(
            findings.map(\.summary) == [
                "worker1 held lock db for 1.00 s across 1 await while others queued for it, 2.00 s of waiting in all",
                "worker2 held lock db for 1.00 s across 1 await while others queued for it, 1.00 s of waiting in all",
            ])
        #expect(findings[0].evidence == ["from 1.00 s to 2.00 s; awaited meanwhile: io write 1 1.00 s"])
        #expect(findings.map(\.start) == [1, 2].map { $0 * .perSecond })
    }

    /// Five 1 s downloads share two permits: three queue at first, one after 1 s, none after 2 s.
    @Test func aSaturatedSemaphoreSaysForHowLongAndTheLongestQueue() throws {
        let finding = try #require(Checker.findings(in: try trace(of: "semaphore_limit")).first)
        #expect(finding.summary == "semaphore pool had tasks queued for 2.00 s, 67% of the run; at most 3 waited for its 2 permits")
        #expect(finding.start == 0 && finding.end == 2 * .perSecond)
        let four = try ScenarioLoader.load(
            file: packageRoot.appendingPathComponent("Scenarios/semaphore_limit.yaml").path,
            overrides: [ScenarioOverride("semaphores.pool=5")!])
        #expect(Checker.findings(in: try Simulator.trace(of: four)).isEmpty, "five permits for five downloads: no queue")
    }

    @Test func serialAwaitsEstimateWhatGatherWouldSave() throws {
        let finding = try #require(Checker.findings(in: try trace(of: "serial_awaits", shipped: false)).first)
        #expect(finding.summary == "main awaited 3 waits one after another (3.50 s); together they could take 2.00 s, 1.50 s less")
        #expect(finding.evidence[0] == "from 0 s to 3.50 s: io GET /a 1.00 s, io GET /b 2.00 s and io GET /c 500.00 ms")
        #expect(finding.start == 0 && finding.end == 3_500_000_000)
    }

    @Test func lostFailuresAndTasksCutShortAreNamed() throws {
        let failure = try #require(Checker.findings(in: try trace(of: "unobserved_failure", shipped: false)).first)
        #expect(failure.summary == "flaky failed at 200.00 ms and nobody saw its error: ValueError: bad page")
        let cut = try #require(Checker.findings(in: try trace(of: "never_awaited", shipped: false)).first)
        #expect(cut.summary == "upload was never awaited and was cancelled at 1.00 s, before it finished its work")
    }

    /// The simulator records who takes each lock, so the cycle of two locks taken in opposite
    /// orders is spelled out.
    @Test func aDeadlockFollowsLockHoldersRoundTheCycle() throws {
        let finding = try #require(Checker.findings(in: try trace(of: "deadlock", shipped: false)).first)
        #expect(finding.summary == "3 tasks wait forever: the run deadlocked at 100.00 ms")
        #expect(
            finding.evidence == [
                "main waits on gather left, right",
                "left waits on lock b, held by right, who waits on lock a, held by left, which is where the chain started: a cycle",
            ])
    }

    @Test func aCycleOfTasksAwaitingEachOtherIsSpelledOut() {
        let built = run([
            (
                "a", nil,
                [Event(time: 0, task: 0, kind: .spawn), Event(time: 5, task: 0, kind: .deadlock, detail: .wait(on: .task, what: "b"))]
            ),
            (
                "b", nil,
                [Event(time: 0, task: 1, kind: .spawn), Event(time: 5, task: 1, kind: .deadlock, detail: .wait(on: .task, what: "a"))]
            ),
        ])
        let finding = Checker.findings(in: Trace(runs: [built])).first
        #expect(finding?.evidence == ["a waits on task b, which waits on task a, which is where the chain started: a cycle"])
    }

    /// The sequential run is the baseline by design: awaits in series there are the point.
    @Test func theSequentialRunIsNeverJudged() throws {
        let trace = try trace(of: "serial_awaits", shipped: false)
        #expect(trace.runs.map(\.name) == ["sequential", "concurrent"])
        #expect(Checker.findings(in: trace).allSatisfy { $0.run == "concurrent" })
        #expect(Checker.findings(in: Trace(runs: [trace.runs[0]])).isEmpty)
    }

    /// In a run where tasks run at once (threads), a long slice holds no one up by itself.
    @Test func runsWhereTasksRunAtOnceAreNotJudgedForBlocking() {
        let built = run([
            (
                "a", nil,
                [
                    Event(time: 0, task: 0, kind: .spawn), Event(time: 0, task: 0, kind: .resume),
                    Event(time: 900_000_000, task: 0, kind: .finish),
                ]
            ),
            (
                "b", nil,
                [
                    Event(time: 0, task: 1, kind: .spawn), Event(time: 0, task: 1, kind: .resume),
                    Event(time: 900_000_000, task: 1, kind: .finish),
                ]
            ),
            (
                "c", nil,
                [
                    Event(time: 0, task: 2, kind: .spawn), Event(time: 800_000_000, task: 2, kind: .resume),
                    Event(time: 900_000_000, task: 2, kind: .finish),
                ]
            ),
        ])
        #expect(Checker.findings(in: Trace(runs: [built])).isEmpty)
    }

    /// Thirty tasks that each await three reads in a row: twenty are listed, one entry counts the
    /// other ten, and the text's heading counts all thirty.
    @Test func manyFindingsOfOneRuleAreListedUpToALimit() {
        let tasks = (0..<30).map { task -> (String, Int?, [Event]) in
            var events = [Event(time: 0, task: task, kind: .spawn), Event(time: 0, task: task, kind: .resume)]
            for read in 0..<3 {
                let start = Nanoseconds(read) * .perSecond
                events += [
                    Event(time: start, task: task, kind: .suspend, detail: .wait(on: .io, what: "read \(read)")),
                    Event(time: start + .perSecond, task: task, kind: .ready), Event(time: start + .perSecond, task: task, kind: .resume),
                ]
            }
            return ("t\(task)", nil, events + [Event(time: 3 * .perSecond, task: task, kind: .finish)])
        }
        let findings = Checker.findings(in: Trace(runs: [run(tasks)]))
        #expect(findings.count == Checker.mostListed + 1)
        #expect(findings.prefix(Checker.mostListed).allSatisfy { $0.rule == "serial-awaits" && $0.unlisted == nil })
        #expect(findings.last?.unlisted == 10 && findings.last?.summary == "10 more findings of this rule in this run, not listed")
        #expect(FindingReport.text(findings).hasPrefix("30 findings, 20 listed:\n"))
    }
}
