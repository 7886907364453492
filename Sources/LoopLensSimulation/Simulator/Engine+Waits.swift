import LoopLensTrace

extension Engine {
    /// Puts `task` to waiting: under asyncio it suspends and frees the loop; elsewhere it blocks its thread.
    mutating func wait(_ task: Int, _ wait: Wait, on reason: WaitReason, what: String) {
        tasks[task].status = .waiting
        tasks[task].wait = wait
        tasks[task].waitingOn = (reason, what)
        if waitsSuspend {
            record(task, .suspend, .wait(on: reason, what: what))
            releasePoolSlot(of: task)
        } else {
            record(task, .block, .wait(on: reason, what: what))
        }
    }

    /// Ends `task`'s wait: under asyncio it becomes ready and queues for the loop; elsewhere its
    /// thread runs on at once. A failure is raised in it when it runs.
    mutating func wake(_ task: Int, by cause: String, failure: Failure? = nil) {
        guard tasks[task].status == .waiting else { return }
        tasks[task].wait = nil
        tasks[task].waitingOn = nil
        tasks[task].status = .ready
        if let failure { tasks[task].pendingFailure = failure }
        if waitsSuspend, let pool = tasks[task].pool {
            record(task, .ready, .wake(by: cause))
            pools[pool].queue.append(task)
        } else {
            record(task, .unblock, .wake(by: cause))
            continuing.append(task)
        }
    }

    mutating func releasePoolSlot(of task: Int) {
        guard tasks[task].holdsPoolSlot, let pool = tasks[task].pool else { return }
        tasks[task].holdsPoolSlot = false
        pools[pool].busy -= 1
    }

    /// Raises a cancellation requested while the task ran, at the wait where asyncio delivers it.
    mutating func deliverCancellation(to task: Int) -> Bool {
        guard tasks[task].cancelRequested else { return false }
        tasks[task].cancelRequested = false
        raise(.cancelled, in: task)
        return true
    }

    /// `Task.cancel()`: a waiting task is woken with CancelledError; a running one gets it at its
    /// next wait; a ready one when it resumes.
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

    /// Cuts a wait short with CancelledError. In synchronous code a task waiting on a child that
    /// runs inline on its thread is cut by cutting that child.
    private mutating func interrupt(_ task: Int, by cause: String) {
        switch tasks[task].wait {
        case .timer(let timer)?:
            cancelTimer(timer)
        case .lock(let name, _)?:
            locks[name]?.waiters.removeAll { $0 == task }
        case .semaphore(let name, _)?:
            semaphores[name]?.waiters.removeAll { $0 == task }
        case .task(let target, _)? where !waitsSuspend:
            // The child runs on this thread: cut its wait; the cancellation reaches us when it returns.
            tasks[task].pendingFailure = .cancelled
            cancel(target, by: cause)
            return
        case .gather(let index)? where gathers[index].style == .inline:
            if let current = gathers[index].children.last { cancel(current, by: cause) }
            return
        case .task(let target, _)?:
            tasks[target].awaiters.removeAll { $0 == task }
            // Cancelling a task that awaits another cancels that one too (hence asyncio.shield).
            if !tasks[target].isThreadJob { cancel(target, by: cause) }
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

    /// An `asyncio.timeout` block ran out: its task is cancelled.
    mutating func expire(timeout index: Int) {
        timeouts[index].expired = true
        cancel(timeouts[index].task, by: "timeout")
    }

    // MARK: - Locks, semaphores, the GIL

    mutating func acquireLock(_ name: String, then frame: Frame, for task: Int) -> Bool {
        if locks[name]?.owner == nil, locks[name]?.waiters.isEmpty ?? true {
            locks[name, default: LockState()].owner = task
            tasks[task].frames.append(frame)
            return true
        }
        if deliverCancellation(to: task) { return false }
        locks[name]!.waiters.append(task)
        wait(task, .lock(name, frame), on: .lock, what: name)
        return false
    }

    /// Releases a lock, handing it straight to the first waiter (asyncio's FIFO fairness).
    mutating func releaseLock(_ name: String) {
        guard let next = locks[name]?.waiters.popFirst() else {
            locks[name]?.owner = nil
            return
        }
        locks[name]!.owner = next
        if case .lock(_, let frame)? = tasks[next].wait { tasks[next].frames.append(frame) }
        wake(next, by: "lock \(name)")
    }

    mutating func acquireSemaphore(_ name: String, then frame: Frame, for task: Int) -> Bool {
        if let state = semaphores[name], state.available > 0, state.waiters.isEmpty {
            semaphores[name]!.available -= 1
            tasks[task].frames.append(frame)
            return true
        }
        if deliverCancellation(to: task) { return false }
        semaphores[name]!.waiters.append(task)
        wait(task, .semaphore(name, frame), on: .semaphore, what: name)
        return false
    }

    /// Releases a semaphore slot, handing it straight to the first waiter if there is one.
    mutating func releaseSemaphore(_ name: String) {
        guard let next = semaphores[name]?.waiters.popFirst() else {
            semaphores[name]?.available += 1
            return
        }
        if case .semaphore(_, let frame)? = tasks[next].wait { tasks[next].frames.append(frame) }
        wake(next, by: "semaphore \(name)")
    }

    /// After `cpu`: gives the GIL (or core) to the next thread waiting for it.
    mutating func releaseProcessor(of task: Int) {
        guard tasks[task].holdsProcessor else { return }
        tasks[task].holdsProcessor = false
        processor!.busy -= 1
        guard let next = processor!.queue.popFirst(), case .processor(let duration)? = tasks[next].wait else { return }
        processor!.busy += 1
        tasks[next].holdsProcessor = true
        tasks[next].wait = nil
        tasks[next].waitingOn = nil
        tasks[next].status = .running
        record(next, .resume)
        schedule(after: duration, .endCPU(task: next))
    }
}
