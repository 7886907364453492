import LoopLensTrace

extension ThreadEngine {
    /// Performs one step; returns whether the task runs on to its next step now.
    mutating func perform(_ step: Step, in task: Int) -> Bool {
        switch step {
        case .cpu(let duration):
            return compute(for: duration, in: task)
        case .sleep(let duration):
            return pause(task, for: duration, on: .sleep, what: duration.formatted(.compact), wokenBy: "timer")
        case .io(let duration, let label):
            return pause(task, for: duration, on: .io, what: label ?? tasks[task].name, wokenBy: "io")
        case .toThread(let duration):
            return pause(task, for: duration, on: .thread, what: "to_thread \(duration.formatted(.compact))", wokenBy: "thread")
        case .print(let text):
            record(task, .print, .text(text))
            return true
        case .fail(let message):
            raise(.error(message), in: task)
            return false
        case .call(let name):
            tasks[task].frames.append(Frame(steps: definitions[name]?.steps ?? []))
            return true
        case .lock(let name, let steps):
            return acquireLock(name, then: Frame(steps: steps, exit: .releaseLock(name)), for: task)
        case .semaphore(let name, let steps):
            return acquireSemaphore(name, then: Frame(steps: steps, exit: .releaseSemaphore(name)), for: task)
        case .timeout(let limit, let steps):
            let index = timeouts.count
            let timer = schedule(after: limit, .expireTimeout(index))
            timeouts.append(TimeoutState(task: task, limit: limit, timer: timer))
            tasks[task].frames.append(Frame(steps: steps, exit: .endTimeout(index)))
            return true
        case .spawn(let name):
            // Synchronous code has no tasks to schedule: the call runs to completion here.
            guard let definition = definitions[name] else { return true }
            let child = createTask(definition, parent: task, pool: nil)
            tasks[child].awaiters.append(task)
            wait(task, .task(child, raisesItsFailure: false), on: .task, what: tasks[child].name)
            startInline(child)
            return false
        case .await(let name):
            return awaitTask(named: name, in: task)
        case .gather(let names):
            return gather(names, in: task)
        case .setEvent(let name):
            setEvent(name)
            return true
        case .waitEvent(let name):
            return waitEvent(name, in: task)
        case .put(let name):
            return put(name, in: task)
        case .get(let name):
            return get(name, in: task)
        }
    }

    /// `cpu`: the task keeps its worker (and, under `threads`, the GIL or a core) for `duration`.
    private mutating func compute(for duration: Nanoseconds, in task: Int) -> Bool {
        guard duration > 0 else { return true }
        if processor != nil, !tasks[task].holdsProcessor {
            guard processor!.hasFree else {
                waitForProcessor(task, toCompute: duration)
                return false
            }
            processor!.holders.append(task)
            tasks[task].holdsProcessor = true
        }
        startComputing(task, for: duration)
        return false
    }

    /// `sleep`, `io` and blocking calls: the thread waits for a timer. A zero wait does nothing.
    private mutating func pause(_ task: Int, for duration: Nanoseconds, on reason: WaitReason, what: String, wokenBy cause: String)
        -> Bool
    {
        guard duration > 0 else { return true }
        if deliverCancellation(to: task) { return false }
        let timer = schedule(after: duration, .wake(task: task, by: cause))
        wait(task, .timer(timer), on: reason, what: what)
        return false
    }

    /// `await task`: in synchronous code the task has run already; its failure is raised here.
    private mutating func awaitTask(named name: String, in task: Int) -> Bool {
        guard let target = latestTask[name] else { return true }
        if tasks[target].status == .finished {
            guard let failure = tasks[target].failure else { return true }
            raise(failure, in: task)
            return false
        }
        if deliverCancellation(to: task) { return false }
        tasks[target].awaiters.append(task)
        wait(task, .task(target, raisesItsFailure: true), on: .task, what: tasks[target].name)
        return false
    }

    /// `gather`: the main thread of `threads`/`processes` submits the tasks to the pool; elsewhere
    /// they run one after another on the caller's thread.
    private mutating func gather(_ names: [String], in task: Int) -> Bool {
        if deliverCancellation(to: task) { return false }
        let style: GatherState.Style = task == 0 && (execution == .threads || execution == .processes) ? .pool : .inline
        let index = gathers.count
        gathers.append(GatherState(parent: task, style: style, names: names, remaining: names.count))
        wait(task, .gather(index), on: .gather, what: names.joined(separator: ", "))
        switch style {
        case .pool:
            for name in names {
                guard let definition = definitions[name] else { continue }
                attach(createTask(definition, parent: task, pool: workerPool), to: index)
            }
        case .inline:
            startNextInlineChild(of: index)
        }
        return false
    }

    /// Synchronous gather: runs the next child on the parent's thread.
    mutating func startNextInlineChild(of gather: Int) {
        let name = gathers[gather].names[gathers[gather].children.count]
        guard let definition = definitions[name] else { return }
        let child = createTask(definition, parent: gathers[gather].parent, pool: nil)
        attach(child, to: gather)
        startInline(child)
    }

    private mutating func attach(_ child: Int, to gather: Int) {
        gathers[gather].children.append(child)
        tasks[child].gathers.append(gather)
    }

    /// Starts a child on its parent's thread, as a plain function call does.
    private mutating func startInline(_ child: Int) {
        record(child, .resume)
        continuing.append(child)
    }
}
