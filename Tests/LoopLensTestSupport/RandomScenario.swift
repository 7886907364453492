import LoopLensSimulation
import LoopLensTrace

/// Builds a random but valid scenario from a seed, so a failing seed reproduces.
public struct RandomScenario {
    private var generator: SplitMix
    /// Every duration is 0 to 4 of these.
    private let unit: Nanoseconds

    /// A generator for `seed`, whose durations are multiples of `unit` (by default 250 ms).
    public init(seed: Int, unit: Nanoseconds = 250 * .perMillisecond) {
        generator = SplitMix(seed: seed)
        self.unit = unit
    }

    private mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }

    private mutating func duration() -> Nanoseconds { Nanoseconds(below(5)) * unit }

    /// A scenario of 1–5 tasks; with `waitsOnly`, every step is sleep, io or print.
    public mutating func make(waitsOnly: Bool = false) -> Scenario {
        let helper = TaskDefinition(name: "helper", steps: [.io(duration(), label: nil), .print("helper done")])
        let tasks = (1...(1 + below(5))).map { index in
            TaskDefinition(name: "t\(index)", steps: (0..<(1 + below(4))).flatMap { _ in steps(waitsOnly: waitsOnly) })
        }
        return Scenario(
            title: "random", tasks: tasks, subtasks: [helper], locks: ["l"], semaphores: ["s": 2], threads: 1 + below(3),
            cores: 1 + below(3), gil: below(2) == 0)
    }

    /// `async with l:`, with prints that mark when the lock is held.
    private mutating func lockBlock() -> Step {
        .lock("l", steps: [.print("l+"), .io(duration(), label: nil), .print("l-")])
    }

    private mutating func steps(waitsOnly: Bool) -> [Step] {
        let choices = waitsOnly ? 3 : 13
        switch below(choices) {
        case 0: return [.sleep(duration())]
        case 1: return [.io(duration(), label: nil)]
        case 2: return [.print("p")]
        case 3: return [.cpu(duration())]
        case 4: return [lockBlock()]
        case 5: return [.semaphore("s", steps: [.sleep(duration()), .cpu(duration())])]
        case 6: return [.toThread(duration())]
        case 7: return [below(2) == 0 ? .gather(["helper", "helper"]) : .call("helper")]
        case 8: return [.timeout(duration() + 1, steps: [.io(duration(), label: nil)])]
        case 9: return [.spawn("helper")] + (below(2) == 0 ? [.sleep(duration()), .await("helper")] : [])
        case 10: return [.timeout(duration() + 1, steps: [lockBlock()])]
        case 11: return [.spawn("helper"), .await("helper")]
        default: return below(3) == 0 ? [.fail("boom")] : [.sleep(0)]
        }
    }
}
