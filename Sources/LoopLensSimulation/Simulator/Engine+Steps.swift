import LoopLensTrace

extension Engine {
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
            guard waitsSuspend else {
                return pause(task, for: duration, on: .thread, what: "to_thread \(duration.formatted(.compact))", wokenBy: "thread")
            }
            return startThreadJob(for: duration, in: task)
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
            guard let definition = definitions[name] else { return true }
            guard waitsSuspend else {
                // Synchronous code has no tasks to schedule: the call runs to completion here.
                let child = createTask(definition, parent: task, pool: nil)
                wait(task, .task(child, raisesItsFailure: false), on: .task, what: tasks[child].name)
                startInline(child)
                return false
            }
            createTask(definition, parent: task, pool: programPool)
            return true
        case .await(let name):
            return awaitTask(named: name, in: task)
        case .gather(let names):
            return gather(names, in: task)
        }
    }

    /// `cpu`: the task keeps its worker (and, under `threads`, the GIL or a core) for `duration`.
    private mutating func compute(for duration: Nanoseconds, in task: Int) -> Bool {
        guard duration > 0 else { return true }
        if processor != nil, !tasks[task].holdsProcessor {
            guard processor!.hasFreeWorker else {
                tasks[task].status = .ready
                tasks[task].wait = .processor(duration)
                tasks[task].waitingOn = (.cpu, scenario.gil ? "GIL" : "a core")
                processor!.queue.append(task)
                record(task, .ready)
                return false
            }
            processor!.busy += 1
            tasks[task].holdsProcessor = true
        }
        schedule(after: duration, .endCPU(task: task))
        return false
    }

    /// `sleep`, `io` and blocking calls: wait for a timer. A zero wait yields to the loop once under
    /// asyncio (`sleep(0)`) and does nothing in synchronous code.
    private mutating func pause(_ task: Int, for duration: Nanoseconds, on reason: WaitReason, what: String, wokenBy cause: String) -> Bool
    {
        guard duration > 0 || waitsSuspend else { return true }
        if deliverCancellation(to: task) { return false }
        if duration == 0 {
            wait(task, .timer(0), on: reason, what: what)
            wake(task, by: "yield")
            return false
        }
        let timer = schedule(after: duration, .wake(task: task, by: cause))
        wait(task, .timer(timer), on: reason, what: what)
        return false
    }

    /// asyncio's `to_thread`: the work runs as a job on the thread pool while the task waits for it.
    private mutating func startThreadJob(for duration: Nanoseconds, in task: Int) -> Bool {
        if deliverCancellation(to: task) { return false }
        let job = createTask(
            TaskDefinition(name: "\(tasks[task].name):thread", steps: [.cpu(duration)]), parent: task, pool: workerPool)
        tasks[job].isThreadJob = true
        tasks[job].awaiters.append(task)
        wait(task, .task(job, raisesItsFailure: true), on: .thread, what: tasks[job].name)
        return false
    }

    private mutating func awaitTask(named name: String, in task: Int) -> Bool {
        guard let target = latestTask[name] else {
            guard waitsSuspend else { return true }
            raise(.error("await: no task named '\(name)' has been spawned yet"), in: task)
            return false
        }
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

    private mutating func gather(_ names: [String], in task: Int) -> Bool {
        if deliverCancellation(to: task) { return false }
        let style: GatherState.Style =
            if waitsSuspend { .concurrent } else if task == 0 && (execution == .threads || execution == .processes) { .pool } else {
                .inline
            }
        let index = gathers.count
        gathers.append(GatherState(parent: task, style: style, names: names, remaining: names.count))
        switch style {
        case .concurrent, .pool:
            for name in names {
                guard let definition = definitions[name] else { continue }
                let child = createTask(definition, parent: task, pool: style == .pool ? workerPool : programPool)
                attach(child, to: index)
            }
            wait(task, .gather(index), on: .gather, what: names.joined(separator: ", "))
        case .inline:
            wait(task, .gather(index), on: .gather, what: names.joined(separator: ", "))
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
