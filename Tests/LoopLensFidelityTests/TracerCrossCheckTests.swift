import Foundation
import LoopLensSimulation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// The asyncio tracer against the simulator: shipped scenarios written as asyncio programs
/// (`Pairs/shipped_*.py`) are traced under every CPython found, and each task must go through the
/// same events as in the simulated `concurrent` run, the loop must resume its tasks in the same
/// order, and the run must take as long (within 10 %), at 1/20 of the scenario's time.
@Suite(.serialized) struct TracerCrossCheckTests {
    static let scenarios = ["downloads", "blocking_the_loop", "lock_contention", "semaphore_limit", "timeout", "to_thread"]
    static let pairs = FidelityPair.all.filter { Self.scenarios.contains(String($0.name.dropFirst("shipped_".count))) }
    static let interpreters = PythonInterpreters.found
    static let scale = 0.05

    @Test func everyScenarioHasItsProgram() {
        #expect(Self.pairs.map(\.name).sorted() == Self.scenarios.map { "shipped_\($0)" }.sorted(), "searched \(FidelityPair.folder.path)")
        #expect(!Self.interpreters.isEmpty, "no CPython 3.11+ found; searched \(PythonInterpreters.searched)")
    }

    @Test(arguments: pairs)
    func theTracedProgramRunsAsSimulated(pair: FidelityPair) throws {
        let simulated = try Simulator.run(try ScenarioLoader.load(file: pair.scenario.path), as: .concurrent)
        let expected = Steps(of: simulated)
        for python in Self.interpreters {
            let (traced, stderr) = try pair.tracedRun(with: python, scale: Self.scale)
            let run = try #require(traced, "\(pair.name) with \(python): no trace\n\(stderr)")
            let real = Steps(of: run)
            #expect(
                real.perTask == expected.perTask, "\(pair.name) with \(python): each task's events\n\(real.perTask)\n\(expected.perTask)")
            #expect(real.loopResumes == expected.loopResumes, "\(pair.name) with \(python): the order of the loop's resumes")
            let makespan = Double(real.makespan) / Self.scale
            #expect(
                abs(makespan - Double(expected.makespan)) <= 0.1 * Double(expected.makespan),
                "\(pair.name) with \(python): \(makespan / 1e9) s scaled, simulated \(Double(expected.makespan) / 1e9) s")
        }
    }
}

/// What is compared of a run: per task (in spawn order) its events with what it waited on and how
/// it ended; the tasks the loop resumed, in order; and the time from the first event to the last.
struct Steps {
    var perTask: [[String]]
    var loopResumes: [Int]
    var makespan: Nanoseconds

    init(of run: Run) {
        perTask = run.tasks.indices.map { _ in [] }
        loopResumes = []
        for event in run.events {
            guard let task = event.task else { continue }
            switch (event.kind, event.detail) {
            case (.suspend, .wait(let reason, _)?), (.block, .wait(let reason, _)?):
                perTask[task].append("\(event.kind) \(Self.comparable(reason))")
            case (.finish, .outcome(let result, _)?):
                perTask[task].append("finish \(result)")
            case (.print, _):
                continue
            default:
                perTask[task].append("\(event.kind)")
            }
            if event.kind == .resume, !run.tasks[task].name.hasSuffix("thread") { loopResumes.append(task) }
        }
        makespan = (run.events.last?.time ?? 0) - (run.events.first?.time ?? 0)
    }

    /// The fidelity programs stand for a scenario's `io` with a timer (`asyncio.sleep`) or a socket read.
    static func comparable(_ reason: WaitReason) -> String {
        reason == .io || reason == .sleep ? "io or sleep" : reason.rawValue
    }
}
