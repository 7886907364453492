import LoopLensTrace

extension Recording {
    /// The recording as a trace run: times from the first event (the first task's spawn), each task's events in a
    /// consistent order, and each task's last returned job turned into its `finish`.
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
        let origin = events.lazy.map(\.time).min() ?? 0
        var ordered: [(event: Event, order: Int)] = []
        ordered.reserveCapacity(events.count)
        for (task, taskEvents) in eventsByTask().enumerated() {
            for event in normalizedEvents(of: Int32(task), taskEvents, from: origin) {
                ordered.append((event, ordered.count))
            }
        }
        ordered.sort { ($0.event.time, $0.order) < ($1.event.time, $1.order) }
        for entry in ordered { run.events.append(entry.event) }
        return run
    }

    /// The task's `Task.name`, or `task N` when it never showed it.
    private func displayName(of task: Int32) -> String {
        tasks[Int(task)].name ?? "task \(task)"
    }

    /// Each task's raw events in time order; at one instant a returning job comes before an
    /// enqueue, and both before a resume.
    private func eventsByTask() -> [[RecordedEvent]] {
        var byTask = [[RecordedEvent]](repeating: [], count: tasks.count)
        for event in events { byTask[Int(event.task)].append(event) }
        func rank(_ kind: RecordedEvent.Kind) -> Int {
            switch kind {
            case .spawn: 0
            case .sliceEnd: 1
            case .mark: 2
            case .ready: 3
            case .resume: 4
            }
        }
        for index in byTask.indices {
            byTask[index].sort { ($0.time, rank($0.kind)) < ($1.time, rank($1.kind)) }
        }
        return byTask
    }

    private func normalizedEvents(of task: Int32, _ raw: [RecordedEvent], from origin: Int64) -> [Event] {
        enum State { case ready, running, waiting }
        var state = State.ready
        var pendingWake: Int32?
        var result: [Event] = []
        var lastSuspend: Int?
        var suspendWasAnnounced = false
        let index = Int(task)

        func time(_ raw: RecordedEvent) -> Nanoseconds { raw.time - origin }
        func wake(_ waker: Int32) -> EventDetail? {
            guard waker >= 0 else { return nil }
            if waker == task { return .wake(by: "yield") }
            return .wake(by: tasks[Int(waker)].name.map { "task \($0)" } ?? displayName(of: waker))
        }
        func endSlice(at time: Nanoseconds, wait: Int32) {
            let detail = wait >= 0 ? details[Int(wait)] : EventDetail.wait(on: .other, what: "")
            lastSuspend = result.count
            suspendWasAnnounced = wait >= 0
            result.append(Event(time: time, task: index, kind: .suspend, detail: detail))
            state = .waiting
            if let waker = pendingWake {
                result.append(Event(time: time, task: index, kind: .ready, detail: wake(waker)))
                state = .ready
                pendingWake = nil
            }
        }

        for event in raw {
            switch event.kind {
            case .spawn:
                result.append(Event(time: time(event), task: index, kind: .spawn))
            case .ready:
                switch state {
                case .running: pendingWake = event.argument
                case .waiting:
                    let waker = event.argument
                    // A wait nobody announced that one of the task's own children ends was a wait
                    // for that child (a task group, `async let`, `await task.value`).
                    if !suspendWasAnnounced, waker >= 0, tasks[Int(waker)].parent == task, let suspend = lastSuspend {
                        result[suspend].detail = .wait(on: .task, what: displayName(of: waker))
                    }
                    result.append(Event(time: time(event), task: index, kind: .ready, detail: wake(waker)))
                    state = .ready
                case .ready: break
                }
            case .resume:
                if state == .running { endSlice(at: time(event), wait: -1) }
                result.append(Event(time: time(event), task: index, kind: .resume))
                lastSuspend = nil
                state = .running
            case .sliceEnd:
                if state == .running { endSlice(at: time(event), wait: event.argument) }
            case .mark:
                result.append(Event(time: time(event), task: index, kind: .print, detail: details[Int(event.argument)]))
            }
        }
        if let lastSuspend, state == .waiting {
            let outcome = tasks[index].outcome ?? .outcome(.ok, error: nil)
            result[lastSuspend] = Event(time: result[lastSuspend].time, task: index, kind: .finish, detail: outcome)
            result.removeSubrange((lastSuspend + 1)...)
        }
        return result
    }
}
