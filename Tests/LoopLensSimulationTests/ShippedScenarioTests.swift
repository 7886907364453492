import Foundation
import LoopLensTestSupport
import LoopLensSimulation
import LoopLensTrace
import Testing

/// Every shipped scenario, with its total time per execution computed by hand.
@Suite struct ShippedScenarioTests {
    static let expectedTotals: [String: [Execution: Double]] = [
        "downloads": [.sequential: 6, .concurrent: 2],
        "say_hello": [.sequential: 2, .concurrent: 2],
        "api_gather": [.sequential: 4, .concurrent: 2],
        "four_tasks": [.sequential: 45, .concurrent: 20],
        "cpu_bound": [.sequential: 4, .concurrent: 4, .threads: 4, .processes: 1],
        "blocking_the_loop": [.sequential: 6.5, .concurrent: 4],
        "semaphore_limit": [.sequential: 5, .concurrent: 3],
        "lock_contention": [.sequential: 6, .concurrent: 4],
        "to_thread": [.sequential: 3, .concurrent: 2, .threads: 2],
        "exceptions": [.sequential: 0.8, .concurrent: 0.5],
        "timeout": [.sequential: 2, .concurrent: 1.5],
        // threads: five waves of four 500 ms downloads, each wave's 20 ms parses serialised by the GIL.
        "scraper": [.sequential: 10.4, .threads: 2.77, .concurrent: 0.9],
    ]

    @Test(arguments: expectedTotals.keys.sorted())
    func totals(of name: String) throws {
        let path = packageRoot.appendingPathComponent("Scenarios/\(name).yaml").path
        let scenario = try ScenarioLoader.load(file: path)
        let expected = try #require(Self.expectedTotals[name])
        #expect(Set(scenario.executions) == Set(expected.keys))
        #expect(scenario.about?.isEmpty == false, "every shipped scenario explains what to look at")
        for execution in scenario.executions {
            let run = try Simulator.run(scenario, as: execution)
            #expect(run.duration == seconds(expected[execution]!), "\(name) \(execution)")
        }
        var reader = TraceReader(file: name)
        for line in TraceWriter.encode(try Simulator.trace(of: scenario)).split(separator: "\n") { reader.read(line: Array(line.utf8)) }
        let read = reader.finish()
        #expect(read.problems.isEmpty && read.warnings.isEmpty, "a simulated trace reads back clean: \(read.warnings)")
    }

    @Test func everyShippedScenarioIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Scenarios").path)
        let names = Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
        #expect(names == Set(Self.expectedTotals.keys))
    }

    @Test func downloadsOverlapOnlyWhenConcurrent() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/downloads.yaml").path)
        let sequential = try Simulator.run(scenario, as: .sequential)
        let concurrent = try Simulator.run(scenario, as: .concurrent)
        for (index, name) in ["page1", "page2", "page3"].enumerated() {
            #expect(sequential.timeline(of: name)?.firstResume == seconds(Double(2 * index)))
            #expect(sequential.finish(of: name)?.time == seconds(Double(2 * index + 2)))
            #expect(concurrent.timeline(of: name)?.firstResume == 0)
            #expect(concurrent.finish(of: name)?.time == seconds(2))
        }
    }

    @Test func exceptionsReachTheAwaiterAndAsyncioRunCancelsTheRest() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/exceptions.yaml").path)
        let run = try Simulator.run(scenario, as: .concurrent)
        let message = "HTTPError: 500 Internal Server Error"
        #expect(run.finish(of: "fetch_ok")?.detail == .outcome(.ok, error: nil))
        #expect(run.finish(of: "fetch_bad")?.detail == .outcome(.error, error: message))
        #expect(run.finish(of: "main")?.detail == .outcome(.error, error: message))
        #expect(run.finish(of: "main")?.time == seconds(0.5))
        #expect(run.finish(of: "fetch_slow")?.detail == .outcome(.cancelled, error: nil))
        #expect(run.finish(of: "fetch_slow")?.time == seconds(0.5))
        #expect(!run.events.contains { $0.detail == .text("never printed") })

        let sequential = try Simulator.run(scenario, as: .sequential)
        #expect(sequential.task(named: "fetch_slow") == nil, "a synchronous loop stops at the first failure")
    }

    @Test func timeoutCancelsTheGatherAndRaisesTimeoutError() throws {
        let scenario = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/timeout.yaml").path)
        for execution in [Execution.concurrent, .sequential] {
            let run = try Simulator.run(scenario, as: execution)
            #expect(run.finish(of: "fast_api")?.detail == .outcome(.ok, error: nil))
            #expect(run.finish(of: "part1")?.detail == .outcome(.ok, error: nil))
            #expect(run.finish(of: "part2")?.detail == .outcome(.cancelled, error: nil))
            #expect(run.finish(of: "batch")?.detail == .outcome(.error, error: "TimeoutError after 1.5s"))
        }
        let concurrent = try Simulator.run(scenario, as: .concurrent)
        #expect(concurrent.finish(of: "part2")?.time == seconds(1.5))
        let sequential = try Simulator.run(scenario, as: .sequential)
        #expect(sequential.finish(of: "batch")?.time == seconds(2), "started at 0.5 s, cut 1.5 s later")
    }
}
