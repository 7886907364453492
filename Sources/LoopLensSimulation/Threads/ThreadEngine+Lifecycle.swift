import LoopLensTrace

extension ThreadEngine {
    /// Creates a task from `definition` and records its `spawn`. With a pool it is queued there,
    /// ready; without one it is about to run inline on its parent's thread.
    @discardableResult
    mutating func createTask(_ definition: TaskDefinition, parent: Int?, pool: Int?) -> Int {
        let count = instanceCounts[definition.name, default: 0] + 1
        instanceCounts[definition.name] = count
        let name = count == 1 ? definition.name : "\(definition.name)#\(count)"
        let index = recorder.addLane(named: name, parent: parent)
        tasks.append(BlockingTask(name: name, parent: parent, pool: pool, frames: [Frame(steps: definition.steps)]))
        record(index, .spawn)
        latestTask[definition.name] = index
        if let pool { pools[pool].queue.append(index) }
        return index
    }

    /// Ends `task`: records `finish`, frees its worker and wakes whoever waits on it.
    mutating func finish(_ task: Int, failure: Failure?) {
        tasks[task].status = .finished
        tasks[task].failure = failure
        record(task, .finish, .outcome(failure?.result ?? .ok, error: failure?.message))
        releaseProcessor(of: task)
        releasePoolSlot(of: task)
        let awaiters = tasks[task].awaiters
        tasks[task].awaiters = []
        for awaiter in awaiters {
            guard case .task(task, let raisesItsFailure)? = tasks[awaiter].wait else { continue }
            wake(awaiter, by: "task \(tasks[task].name)", failure: raisesItsFailure ? failure : nil)
        }
        for gather in tasks[task].gathers {
            childFinished(task, in: gather, failure: failure)
        }
    }

    /// Unwinds `task` with an exception: leaves every frame (releasing locks, ending timeouts) and finishes it.
    mutating func raise(_ failure: Failure, in task: Int) {
        var failure = failure
        while let frame = tasks[task].frames.popLast() {
            failure = leave(frame, of: task, raising: failure) ?? failure
        }
        finish(task, failure: failure)
    }

    /// What leaving a frame does. Returns the exception that continues, when leaving changes it
    /// (an expired timeout turns its cancellation into a TimeoutError).
    @discardableResult
    mutating func leave(_ frame: Frame, of task: Int, raising failure: Failure? = nil) -> Failure? {
        switch frame.exit {
        case .none:
            return failure
        case .releaseLock(let name):
            releaseLock(name, by: task)
        case .releaseSemaphore(let name):
            releaseSemaphore(name, by: task)
        case .endTimeout(let index):
            guard timeouts[index].expired else {
                cancelTimer(timeouts[index].timer)
                return failure
            }
            tasks[task].cancelRequested = false
            if failure == .cancelled { return .timeoutError(after: timeouts[index].limit) }
        }
        return failure
    }

    private mutating func childFinished(_ child: Int, in index: Int, failure: Failure?) {
        guard !gathers[index].finished else { return }
        gathers[index].remaining -= 1
        let gather = gathers[index]
        switch gather.style {
        case .inline:
            if let failure {
                gathers[index].finished = true
                wake(gather.parent, by: "task \(tasks[child].name)", failure: failure)
            } else if gather.remaining == 0 {
                gathers[index].finished = true
                wake(gather.parent, by: "gather")
            } else {
                startNextInlineChild(of: index)
            }
        case .pool:
            if let failure, let position = gather.children.firstIndex(of: child),
                position < gather.firstFailure?.position ?? .max
            {
                gathers[index].firstFailure = (position, failure)
            }
            if gather.remaining == 0 {
                gathers[index].finished = true
                wake(gather.parent, by: "gather", failure: gathers[index].firstFailure?.failure)
            }
        }
    }
}
