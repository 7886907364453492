import LoopLensTrace

extension ThreadEngine {
    /// Blocks `task`'s thread: it keeps its worker but lets go of the GIL (or core).
    mutating func wait(_ task: Int, _ wait: Wait, on reason: WaitReason, what: String) {
        tasks[task].status = .waiting
        tasks[task].wait = wait
        tasks[task].waitingOn = (reason, what)
        record(task, .block, .wait(on: reason, what: what))
        releaseProcessor(of: task)
    }

    /// Ends `task`'s wait: its thread runs on at once. A failure is raised in it when it runs.
    mutating func wake(_ task: Int, by cause: String, failure: Failure? = nil) {
        guard tasks[task].status == .waiting else { return }
        tasks[task].wait = nil
        tasks[task].waitingOn = nil
        tasks[task].status = .ready
        if let failure { tasks[task].pendingFailure = failure }
        record(task, .unblock, .wake(by: cause))
        continuing.append(task)
    }

    mutating func releasePoolSlot(of task: Int) {
        guard tasks[task].holdsPoolSlot, let pool = tasks[task].pool else { return }
        tasks[task].holdsPoolSlot = false
        pools[pool].busy -= 1
    }

    /// Raises a cancellation requested while the task ran, at its next wait.
    mutating func deliverCancellation(to task: Int) -> Bool {
        guard tasks[task].cancelRequested else { return false }
        tasks[task].cancelRequested = false
        raise(.cancelled, in: task)
        return true
    }

    /// Cancels a task: a blocked one is woken with CancelledError; a running one gets it at its
    /// next wait; a ready one when it runs.
    mutating func cancel(_ task: Int, by cause: String) {
        switch tasks[task].status {
        case .finished:
            return
        case .running:
            tasks[task].cancelRequested = true
        case .ready:
            if case .processor? = tasks[task].wait {
                tasks[task].cancelRequested = true
            } else {
                tasks[task].pendingFailure = .cancelled
            }
        case .waiting:
            interrupt(task, by: cause)
        }
    }

    /// Cuts a wait short with CancelledError. A task waiting on a child that runs on its own
    /// thread is cut by cutting that child.
    private mutating func interrupt(_ task: Int, by cause: String) {
        switch tasks[task].wait {
        case .timer(let timer)?:
            cancelTimer(timer)
        case .lock(let name, _)?:
            locks[name]?.waiters.removeAll { $0 == task }
        case .semaphore(let name, _)?:
            semaphores[name]?.waiters.removeAll { $0 == task }
        case .event(let name)?:
            events[name]?.waiters.removeAll { $0 == task }
        case .put(let name)?:
            queues[name]?.putters.removeAll { $0 == task }
        case .get(let name)?:
            queues[name]?.getters.removeAll { $0 == task }
        case .task(let target, _)?:
            // The child runs on this thread: cut its wait; the cancellation reaches us when it returns.
            tasks[task].pendingFailure = .cancelled
            cancel(target, by: cause)
            return
        case .gather(let index)? where gathers[index].style == .inline:
            if let current = gathers[index].children.last { cancel(current, by: cause) }
            return
        case .gather(let index)?:
            gathers[index].finished = true
            for child in gathers[index].children { cancel(child, by: cause) }
        case .processor?:
            tasks[task].cancelRequested = true
            return
        case nil:
            return
        }
        wake(task, by: cause, failure: .cancelled)
    }

    /// A timeout block ran out: its task is cancelled.
    mutating func expire(timeout index: Int) {
        timeouts[index].expired = true
        cancel(timeouts[index].task, by: "timeout")
    }

    // MARK: - Locks and semaphores: FIFO, handed straight to the first waiter

    mutating func acquireLock(_ name: String, then frame: Frame, for task: Int) -> Bool {
        if locks[name]?.owner == nil, locks[name]?.waiters.isEmpty ?? true {
            locks[name, default: LockState()].owner = task
            record(task, .acquire, .wait(on: .lock, what: name))
            tasks[task].frames.append(frame)
            return true
        }
        if deliverCancellation(to: task) { return false }
        locks[name]!.waiters.append(task)
        wait(task, .lock(name, frame), on: .lock, what: name)
        return false
    }

    /// `task` lets the lock go; the first waiter takes it at once.
    mutating func releaseLock(_ name: String, by task: Int) {
        record(task, .release, .wait(on: .lock, what: name))
        guard let next = locks[name]?.waiters.popFirst() else {
            locks[name]?.owner = nil
            return
        }
        locks[name]!.owner = next
        record(next, .acquire, .wait(on: .lock, what: name))
        if case .lock(_, let frame)? = tasks[next].wait { tasks[next].frames.append(frame) }
        wake(next, by: "lock \(name)")
    }

    mutating func acquireSemaphore(_ name: String, then frame: Frame, for task: Int) -> Bool {
        if let state = semaphores[name], state.available > 0, state.waiters.isEmpty {
            semaphores[name]!.available -= 1
            record(task, .acquire, .wait(on: .semaphore, what: name))
            tasks[task].frames.append(frame)
            return true
        }
        if deliverCancellation(to: task) { return false }
        semaphores[name]!.waiters.append(task)
        wait(task, .semaphore(name, frame), on: .semaphore, what: name)
        return false
    }

    /// `task` gives its permit back; the first waiter takes it at once.
    mutating func releaseSemaphore(_ name: String, by task: Int) {
        record(task, .release, .wait(on: .semaphore, what: name))
        guard let next = semaphores[name]?.waiters.popFirst() else {
            semaphores[name]?.available += 1
            return
        }
        record(next, .acquire, .wait(on: .semaphore, what: name))
        if case .semaphore(_, let frame)? = tasks[next].wait { tasks[next].frames.append(frame) }
        wake(next, by: "semaphore \(name)")
    }

    // MARK: - Events and queues

    mutating func setEvent(_ name: String) {
        guard !events[name]!.isSet else { return }
        events[name]!.isSet = true
        let waiters = events[name]!.waiters
        events[name]!.waiters = []
        for waiter in waiters { wake(waiter, by: "event \(name)") }
    }

    mutating func waitEvent(_ name: String, in task: Int) -> Bool {
        guard !events[name]!.isSet else { return true }
        if deliverCancellation(to: task) { return false }
        events[name]!.waiters.append(task)
        wait(task, .event(name), on: .event, what: name)
        return false
    }

    /// `queue.put(item)`: a blocked getter takes the item straight away; a full queue blocks.
    mutating func put(_ name: String, in task: Int) -> Bool {
        if let getter = queues[name]!.getters.popFirst() {
            wake(getter, by: "queue \(name)")
            return true
        }
        guard queues[name]!.isFull else {
            queues[name]!.items += 1
            return true
        }
        if deliverCancellation(to: task) { return false }
        queues[name]!.putters.append(task)
        wait(task, .put(name), on: .queue, what: name)
        return false
    }

    /// `queue.get()`: takes an item (letting a blocked putter put its own); an empty queue blocks.
    mutating func get(_ name: String, in task: Int) -> Bool {
        guard queues[name]!.items > 0 else {
            if deliverCancellation(to: task) { return false }
            queues[name]!.getters.append(task)
            wait(task, .get(name), on: .queue, what: name)
            return false
        }
        if let putter = queues[name]!.putters.popFirst() {
            wake(putter, by: "queue \(name)")
        } else {
            queues[name]!.items -= 1
        }
        return true
    }

    // MARK: - The GIL and cores

    /// Queues `task` for the GIL (or a core), ready, and asks the holder to drop it in time.
    mutating func waitForProcessor(_ task: Int, toCompute duration: Nanoseconds) {
        tasks[task].status = .ready
        tasks[task].wait = .processor(duration)
        tasks[task].waitingOn = (.cpu, scenario.gil ? "GIL" : "a core")
        processor!.queue.append(task)
        record(task, .ready)
        requestSwitch()
    }

    mutating func startComputing(_ task: Int, for duration: Nanoseconds) {
        let timer = schedule(after: duration, .endCPU(task: task))
        tasks[task].computing = (now + duration, timer)
    }

    /// A thread that blocks or ends lets go of the GIL (or its core); the first waiter takes it.
    mutating func releaseProcessor(of task: Int) {
        guard tasks[task].holdsProcessor else { return }
        tasks[task].holdsProcessor = false
        processor!.holders.removeAll { $0 == task }
        grantProcessor()
    }

    /// The switch interval has passed with a thread waiting: the computing holder drops the GIL
    /// and queues for it again with the rest of its step; the first waiter takes it.
    mutating func switchProcessor() {
        processor!.switchTimer = nil
        guard let holder = processor!.holders.first, let computing = tasks[holder].computing else { return }
        cancelTimer(computing.timer)
        tasks[holder].computing = nil
        tasks[holder].holdsProcessor = false
        processor!.holders.removeAll { $0 == holder }
        tasks[holder].status = .ready
        tasks[holder].wait = .processor(computing.end - now)
        tasks[holder].waitingOn = (.cpu, "GIL")
        processor!.queue.append(holder)
        record(holder, .ready)
        grantProcessor()
    }

    private mutating func grantProcessor() {
        while processor!.hasFree, let next = processor!.queue.popFirst() {
            guard case .processor(let duration)? = tasks[next].wait else { continue }
            processor!.holders.append(next)
            tasks[next].holdsProcessor = true
            tasks[next].wait = nil
            tasks[next].waitingOn = nil
            tasks[next].status = .running
            record(next, .resume)
            startComputing(next, for: duration)
        }
        // Whoever still waits starts a new switch interval from this hand-over.
        if let timer = processor!.switchTimer { cancelTimer(timer) }
        processor!.switchTimer = nil
        requestSwitch()
    }

    private mutating func requestSwitch() {
        guard let interval = processor!.switchInterval, processor!.switchTimer == nil, !processor!.queue.isEmpty else { return }
        processor!.switchTimer = schedule(after: interval, .switchGIL)
    }
}
