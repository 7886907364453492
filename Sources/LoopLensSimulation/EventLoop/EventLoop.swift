import DequeModule
import HeapModule
import LoopLensTrace

/// What a callback does when the loop runs it. Each case is one function that CPython's asyncio
/// hands to the loop; the comment names it.
enum Callback {
    /// `Task.__step()`: runs the task's coroutine until it awaits something that suspends.
    case step(task: Int)
    /// `Task.__wakeup(future)`: resumes the task with the future's result or exception.
    case wakeUp(task: Int, future: Int)
    /// `futures._set_result_unless_cancelled`: the timer of `asyncio.sleep`.
    case resolveSleep(future: Int)
    /// The selector's reader callback: the data an `io` step waits for has arrived.
    case completeRead(future: Int)
    /// `futures._set_state`, which a worker thread hands to the loop with `call_soon_threadsafe`.
    case copyThreadResult(job: Int)
    /// `futures._call_check_cancel`: a cancelled `to_thread` wait cancels its job if it has not started.
    case cancelThreadJob(job: Int)
    /// `gather`'s `_done_callback(child)`.
    case gatherChildDone(gather: Int, child: Int)
    /// `Timeout._on_timeout`.
    case expireTimeout(Int)
    /// `_run_until_complete_cb`: stops the loop once the future `run_until_complete` waits for is done.
    case stopLoop
}

/// A callback in the ready queue (`asyncio.Handle`).
struct Handle {
    var callback: Callback
    /// When the event behind it happened; see ``AsyncioSimulation/origin``.
    var origin: Nanoseconds
    /// Its number, in scheduling order, for cancelling it.
    var id: Int
}

/// A callback scheduled for a time (`asyncio.TimerHandle`).
///
/// CPython's heap compares deadlines only, but real deadlines are `loop.time() + delay`, so two
/// timers set one after the other differ by the nanoseconds between the calls: the earlier call
/// fires first. Virtual time makes them equal; ordering equal deadlines by scheduling order gives
/// the order CPython shows (measured: 8 tasks sleeping 1 s from the same iteration resume in the
/// order they called `sleep`, where `heapq` on equal keys would pop them 1, 3, …).
struct TimerHandle: Comparable {
    var when: Nanoseconds
    var handle: Handle

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.when, lhs.handle.id) < (rhs.when, rhs.handle.id) }
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.handle.id == rhs.handle.id }
}

/// An `io` wait in flight: its data arrives at `time`; the loop's next `select` reports it.
struct PendingRead: Comparable {
    var time: Nanoseconds
    var id: Int
    var future: Int

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.time, lhs.id) < (rhs.time, rhs.id) }
}

extension AsyncioSimulation {
    /// `loop.call_soon(callback)`: appends to the ready queue.
    @discardableResult
    mutating func callSoon(_ callback: Callback, origin: Nanoseconds? = nil) -> Int {
        handleCount += 1
        ready.append(Handle(callback: callback, origin: origin ?? self.origin, id: handleCount))
        return handleCount
    }

    /// `loop.call_at(when, callback)`: pushes onto the timer heap.
    @discardableResult
    mutating func callAt(_ when: Nanoseconds, _ callback: Callback) -> Int {
        handleCount += 1
        timers.insert(TimerHandle(when: when, handle: Handle(callback: callback, origin: when, id: handleCount)))
        return handleCount
    }

    /// `Handle.cancel()`: the loop skips it.
    mutating func cancelHandle(_ id: Int) {
        cancelledHandles.insert(id)
    }

    /// Starts an `io` wait whose data arrives after `duration`.
    mutating func startRead(taking duration: Nanoseconds, resolving future: Int) {
        handleCount += 1
        pendingReads.insert(PendingRead(time: now + duration, id: handleCount, future: future))
    }

    /// `loop.run_forever()`: iterations until a callback stops the loop. Returns false when the loop
    /// would wait forever: nothing ready and no timer, read or worker thread pending. A run past its
    /// event limit stops at once (and returns true: the recorder reports it).
    mutating func runForever() -> Bool {
        while !recorder.isFull {
            guard runOnce() else { return false }
            if stopping {
                stopping = false
                return true
            }
        }
        return true
    }

    /// `BaseEventLoop._run_once()`: wait in `select` if nothing is ready; queue the callbacks of the
    /// reads that completed, then of the timers whose deadline has passed; then run exactly the
    /// callbacks queued at that moment. What they schedule runs in the next iteration.
    private mutating func runOnce() -> Bool {
        while let first = timers.min, cancelledHandles.remove(first.handle.id) != nil { timers.removeMin() }
        if ready.isEmpty && !stopping {
            let wake = [timers.min?.when, pendingReads.min?.time, executor.nextEnd].compactMap { $0 }.min()
            guard let wake else { return false }
            advance(to: max(now, wake))
        }
        while let read = pendingReads.min, read.time <= now {
            pendingReads.removeMin()
            // Cancelling the wait removed the reader: a late arrival calls nothing back.
            if futures[read.future].isPending { callSoon(.completeRead(future: read.future), origin: read.time) }
        }
        while let timer = timers.min, timer.when <= now {
            timers.removeMin()
            ready.append(timer.handle)
        }
        for _ in 0..<ready.count {
            let handle = ready.removeFirst()
            if cancelledHandles.remove(handle.id) != nil { continue }
            origin = handle.origin
            run(handle.callback)
        }
        return true
    }

    /// Moves the loop's clock to `time`: through a `cpu` step, or the wait in `select`. Worker
    /// threads run meanwhile; each job that ends by then hands its result to the loop at its own
    /// time, even in the middle of an iteration.
    mutating func advance(to time: Nanoseconds) {
        while let end = executor.nextEnd, end <= time {
            finishNextThreadJob()
        }
        now = max(now, time)
    }

    private mutating func run(_ callback: Callback) {
        switch callback {
        case .step(let task): step(task, throwing: nil)
        case .wakeUp(let task, let future): step(task, throwing: futures[future].failure)
        case .resolveSleep(let future), .completeRead(let future):
            if futures[future].isPending { setResult(of: future) }
        case .copyThreadResult(let job): copyThreadResult(of: job)
        case .cancelThreadJob(let job): cancelThreadJobIfNotStarted(job)
        case .gatherChildDone(let gather, let child): gatherChildDone(gather, child: child)
        case .expireTimeout(let index): expireTimeout(index)
        case .stopLoop: stopping = true
        }
    }
}
