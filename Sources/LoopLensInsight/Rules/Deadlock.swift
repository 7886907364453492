import LoopLensTrace

/// The run ended with tasks waiting on each other forever. The trace names what each waits on;
/// waits on tasks, and on locks whose holder the trace records, are followed from task to task,
/// so a cycle is spelled out.
public struct Deadlock: Rule {
    public let name = "deadlock"
    public let description = "the run ended with tasks waiting forever; waits on tasks are followed to spell out the cycle"

    public init() {}

    public func inspection(of run: RunAnalysis) -> any Inspection {
        Look(rule: name, run: run)
    }

    private struct Look: Inspection {
        let rule: String
        let run: RunAnalysis
        var stuck: [(task: Int, on: WaitReason, what: String)] = []
        var time: Nanoseconds = 0

        mutating func inspect(_ timeline: TaskTimeline) {
            if case .deadlocked(let reason, let what)? = timeline.ending {
                stuck.append((timeline.task, reason, what))
                time = max(time, timeline.end)
            }
        }

        func findings() -> [Finding] {
            guard !stuck.isEmpty else { return [] }
            let stuckByName = Dictionary(stuck.map { (run.name($0.task), $0) }, uniquingKeysWith: { first, _ in first })
            let stuckByTask = Dictionary(stuck.map { ($0.task, $0) }, uniquingKeysWith: { first, _ in first })
            // Who holds each lock when the run ends, where the trace records acquisitions.
            let holders = Dictionary(
                run.resources.compactMap { use in
                    use.kind == .lock ? use.steps.last?.holder.map { (use.name, $0) } : nil
                }, uniquingKeysWith: { first, _ in first })
            var described = Set<Int>()
            var chains: [String] = []
            for start in stuck where !described.contains(start.task) {
                // Follows the waits from one stuck task to the next (the task awaited, or the lock's
                // holder), until a wait on something else or back to a task already in the chain.
                var chain = [start.task]
                var text = run.name(start.task)
                var current = start
                while true {
                    described.insert(current.task)
                    text += " waits on \(current.on.rawValue) \(current.what)"
                    let next: (task: Int, on: WaitReason, what: String)?
                    switch current.on {
                    case .task: next = stuckByName[current.what]
                    case .lock:
                        guard let holder = holders[current.what] else { next = nil; break }
                        text += ", held by \(run.name(holder))"
                        next = stuckByTask[holder]
                    default: next = nil
                    }
                    guard let next else { break }
                    if chain.contains(next.task) {
                        text += ", which is where the chain started: a cycle"
                        break
                    }
                    chain.append(next.task)
                    text += current.on == .lock ? ", who" : ", which"
                    current = next
                }
                chains.append(text)
            }
            return [
                Finding(
                    rule: rule, run: run.run.name,
                    summary: "\(run.count(stuck.count, "task")) wait forever: the run deadlocked at \(run.duration(time))",
                    evidence: chains,
                    advice:
                        "Take locks in one fixed order everywhere and never await a task that awaits you; a timeout (asyncio.timeout) turns a hang into an error you can see.",
                    start: time, end: time, tasks: stuck.map(\.task))
            ]
        }
    }
}
