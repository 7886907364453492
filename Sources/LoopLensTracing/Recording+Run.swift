import LoopLensTrace

extension Recording {
    /// The recording as a trace run: times from the first event (the first task's spawn), each
    /// task's events in a consistent order, and each task's last returned job turned into its
    /// `finish`.
    ///
    /// Threads observe a task concurrently, so its raw events can disagree slightly: a waker can
    /// enqueue a task a moment before that task's own job has returned, or (on a pool) a second
    /// worker can resume it before the first has noted the return. Such a `ready` is moved to the
    /// moment the job returned, and a job whose return is noted after the next resume ends at it.
    func run(name: String, scenario: String, about: String? = nil) -> Run {
        var run = Run(name: name, scenario: scenario, clock: "monotonic", about: about)
        for (index, task) in tasks.enumerated() {
            run.tasks.add(id: index, name: displayName(of: Int32(index)), parent: task.parent >= 0 ? Int(task.parent) : nil)
        }
        var assembly = Assembly(recording: self)
        let grouped = eventsGroupedByTask()
        for task in tasks.indices {
            assembly.add(task: Int32(task), grouped.events[grouped.starts[task]..<grouped.starts[task + 1]])
        }
        for event in assembly.eventsInTimeOrder() { run.events.append(event) }
        return run
    }

    /// The task's `Task.name`, or `task N` when it never showed it.
    fileprivate func displayName(of task: Int32) -> String {
        tasks[Int(task)].name ?? "task \(task)"
    }

    /// The events ordered by task, then time; task `t`'s are at `starts[t]..<starts[t + 1]`.
    /// (A counting sort: a hundred thousand tasks need no hundred thousand arrays.)
    private func eventsGroupedByTask() -> (events: [RecordedEvent], starts: [Int]) {
        var starts = [Int](repeating: 0, count: tasks.count + 1)
        for event in events { starts[Int(event.task) + 1] += 1 }
        for task in tasks.indices { starts[task + 1] += starts[task] }
        var next = starts
        var grouped = events
        for event in events {
            grouped[next[Int(event.task)]] = event
            next[Int(event.task)] += 1
        }
        for task in tasks.indices where starts[task] < starts[task + 1] {
            let range = starts[task]..<starts[task + 1]
            if !grouped[range].isSorted(by: \.time) { grouped[range].sort { $0.time < $1.time } }
        }
        return (grouped, starts)
    }
}

/// Turns each task's raw events into trace events, reusing its buffers from task to task.
private struct Assembly {
    let recording: Recording
    let origin: Int64
    private(set) var output: [Event] = []
    private var resumes: [Int64] = []
    private var returns: [RecordedEvent] = []
    private var readies: [RecordedEvent] = []
    private var marks: [RecordedEvent] = []

    init(recording: Recording) {
        self.recording = recording
        origin = recording.events.lazy.map(\.time).min() ?? 0
        output.reserveCapacity(recording.events.count)
    }

    /// The trace events of all tasks, by time (a task's own keep their order).
    func eventsInTimeOrder() -> [Event] {
        // Sorted as (time, position) pairs side by side, not positions looked up in another array.
        var order = output.indices.map { (time: output[$0].time, position: Int32($0)) }
        order.sort { ($0.time, $0.position) < ($1.time, $1.position) }
        return order.map { output[Int($0.position)] }
    }

    /// Adds the events of `task`, given its raw events in time order. Its k-th return belongs to
    /// its k-th resume (its jobs run one after another), whatever order the threads noted them in;
    /// a slice ends at the latest when the next begins, and a `ready` noted while it ran takes
    /// effect when it ends.
    mutating func add(task: Int32, _ raw: ArraySlice<RecordedEvent>) {
        resumes.removeAll(keepingCapacity: true)
        returns.removeAll(keepingCapacity: true)
        readies.removeAll(keepingCapacity: true)
        marks.removeAll(keepingCapacity: true)
        var spawn: Int64?
        for event in raw {
            switch event.kind {
            case .spawn: spawn = spawn ?? event.time
            case .resume: resumes.append(event.time)
            case .sliceEnd: returns.append(event)
            case .ready: readies.append(event)
            case .mark: marks.append(event)
            }
        }
        if let spawn { emit(task, spawn, .spawn) }

        var nextReady = 0
        var nextMark = 0
        var lastSuspend: (position: Int, announced: Bool)?
        for k in resumes.indices {
            let start = resumes[k]
            if let suspend = lastSuspend,
                let ready = firstReady(from: &nextReady, after: output[suspend.position].time + origin, before: start)
            {
                inferWait(endedBy: ready.waker, of: task, at: suspend)
                emit(task, ready.time, .ready, wake(ready.waker, of: task))
            } else {
                skipReadies(from: &nextReady, before: start)
            }
            emit(task, start, .resume)
            var end = k < returns.count ? returns[k].time : nil
            if k + 1 < resumes.count { end = min(end ?? .max, resumes[k + 1]) }
            while nextMark < marks.count, marks[nextMark].time < end ?? .max {
                emit(task, max(start, marks[nextMark].time), .print, recording.details[marks[nextMark].argument])
                nextMark += 1
            }
            guard let end else { return }
            let announced = k < returns.count ? returns[k].argument : -1
            lastSuspend = (output.count, announced >= 0)
            emit(task, end, .suspend, announced >= 0 ? recording.details[announced] : .wait(on: .other, what: ""))
        }
        guard let suspend = lastSuspend else { return }
        if let ready = firstReady(from: &nextReady, after: output[suspend.position].time + origin, before: .max) {
            inferWait(endedBy: ready.waker, of: task, at: suspend)
            emit(task, ready.time, .ready, wake(ready.waker, of: task))
        } else {
            // The last job returned and nothing enqueued the task again: it finished.
            output[suspend.position].kind = .finish
            output[suspend.position].detail = recording.tasks[Int(task)].outcome ?? .outcome(.ok, error: nil)
        }
    }

    private mutating func emit(_ task: Int32, _ time: Int64, _ kind: EventKind, _ detail: EventDetail? = nil) {
        output.append(Event(time: time - origin, task: Int(task), kind: kind, detail: detail))
    }

    /// The first `ready` noted before `before`, moved to no earlier than `after`; later ones
    /// before `before` are the same wake seen twice.
    private func firstReady(from next: inout Int, after: Int64, before: Int64) -> (time: Int64, waker: Int32)? {
        guard next < readies.count, readies[next].time < before else { return nil }
        let first = (max(after, readies[next].time), readies[next].argument)
        skipReadies(from: &next, before: before)
        return first
    }

    private func skipReadies(from next: inout Int, before: Int64) {
        while next < readies.count, readies[next].time < before { next += 1 }
    }

    private func wake(_ waker: Int32, of task: Int32) -> EventDetail? {
        guard waker >= 0 else { return nil }
        if waker == task { return .wake(by: "yield") }
        return .wake(by: recording.tasks[Int(waker)].name.map { "task \($0)" } ?? recording.displayName(of: waker))
    }

    /// A wait the task did not announce, ended by one of its own children, was a wait for that
    /// child (a task group, `async let`, `await task.value`).
    private mutating func inferWait(endedBy waker: Int32, of task: Int32, at suspend: (position: Int, announced: Bool)) {
        guard !suspend.announced, waker >= 0, recording.tasks[Int(waker)].parent == task else { return }
        output[suspend.position].detail = .wait(on: .task, what: recording.displayName(of: waker))
    }
}

extension Collection {
    /// Whether the elements are in non-decreasing order of `key`.
    fileprivate func isSorted<Key: Comparable>(by key: (Element) -> Key) -> Bool {
        zip(self, dropFirst()).allSatisfy { key($0) <= key($1) }
    }
}
