/// How a lock or a semaphore was used over a run, from its `acquire` and `release` events and the
/// waits that name it: from each step's time on, how many tasks held it (for a lock, which one)
/// and how many waited for it. What a resource's lane draws.
public struct ResourceUse: Sendable, Hashable {
    /// From `time` until the next step's time (or the run's end).
    public struct Step: Sendable, Hashable {
        public var time: Nanoseconds
        /// Tasks holding it: a lock's holder, or a semaphore's permits in use.
        public var holders: Int
        /// Tasks waiting to take it.
        public var waiters: Int
        /// A lock's holder (its task index), when it has one.
        public var holder: Int?
    }

    /// `.lock` or `.semaphore`.
    public var kind: WaitReason
    public var name: String
    /// In time order, one per instant at which something changed.
    public var steps: [Step]

    /// How the resource is named in lanes and findings: `lock db`; a name that already says what
    /// it is (`lock 1`, as the Python tracer names them) as it is.
    public var title: String { name.hasPrefix(kind.rawValue + " ") ? name : "\(kind.rawValue) \(name)" }

    /// The step in force at `time`, if any.
    public func step(at time: Nanoseconds) -> Step? {
        var low = 0
        var high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : steps[low - 1]
    }
}

extension Run {
    /// Each lock and semaphore the run's events name, in the order they first appear: empty for a
    /// run that records no `acquire` (its resources have no lanes, since who holds them is
    /// unknown).
    public func resourceUses() -> [ResourceUse] {
        // Most traces record none: a look at the kinds alone, before any payload is read.
        guard events.indices.contains(where: { events.kind(at: $0) == .acquire }) else { return [] }
        struct Key: Hashable {
            var kind: WaitReason
            var name: String
        }
        var order: [Key] = []
        var uses: [Key: ResourceUse] = [:]
        var current: [Key: ResourceUse.Step] = [:]
        // The resource each task waits on, until its wait ends.
        var waitingOn: [Int: Key] = [:]
        func change(_ key: Key, at time: Nanoseconds, _ body: (inout ResourceUse.Step) -> Void) {
            if uses[key] == nil {
                order.append(key)
                uses[key] = ResourceUse(kind: key.kind, name: key.name, steps: [])
            }
            var step = current[key] ?? ResourceUse.Step(time: time, holders: 0, waiters: 0)
            body(&step)
            step.time = time
            current[key] = step
            if let last = uses[key]!.steps.last, last.time == time {
                uses[key]!.steps[uses[key]!.steps.count - 1] = step
            } else {
                uses[key]!.steps.append(step)
            }
        }
        for position in events.indices {
            guard let task = events.task(at: position) else { continue }
            let kind = events.kind(at: position)
            let time = events.time(at: position)
            if let key = waitingOn[task], kind.setsState {
                waitingOn[task] = nil
                change(key, at: time) { $0.waiters -= 1 }
            }
            guard kind == .acquire || kind == .release || kind == .suspend || kind == .block,
                case .wait(let reason, let name)? = events[position].detail, reason == .lock || reason == .semaphore
            else { continue }
            let key = Key(kind: reason, name: name)
            switch kind {
            case .acquire:
                change(key, at: time) {
                    $0.holders += 1
                    $0.holder = reason == .lock ? task : nil
                }
            case .release:
                change(key, at: time) {
                    $0.holders = max($0.holders - 1, 0)
                    if $0.holder == task { $0.holder = nil }
                }
            default:
                waitingOn[task] = key
                change(key, at: time) { $0.waiters += 1 }
            }
        }
        return order.compactMap { uses[$0] }
    }
}
