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

    /// Each task's raw events, by task, in time order.
    private func eventsByTask() -> [[RecordedEvent]] {
        var byTask = [[RecordedEvent]](repeating: [], count: tasks.count)
        for event in events { byTask[Int(event.task)].append(event) }
        for index in byTask.indices { byTask[index].sort { $0.time < $1.time } }
        return byTask
    }

    /// One job of a task: when a worker started it, when it returned (if it did before recording
    /// stopped), and the wait the task announced during it.
    private struct Slice {
        var start: Int64
        var end: Int64?
        var announcedWait: Int32
    }

    /// A task's trace events. Its k-th return belongs to its k-th resume (its jobs run one after
    /// another), whatever order the threads noted them in; a slice ends at the latest when the
    /// next begins, and a `ready` noted while it ran takes effect when it ends.
    private func normalizedEvents(of task: Int32, _ raw: [RecordedEvent], from origin: Int64) -> [Event] {
        let index = Int(task)
        let resumes = raw.filter { $0.kind == .resume }
        let returns = raw.filter { $0.kind == .sliceEnd }
        let readies = raw.filter { $0.kind == .ready }
        let marks = raw.filter { $0.kind == .mark }
        let slices = resumes.indices.map { k in
            var end = k < returns.count ? returns[k].time : nil
            if k + 1 < resumes.count { end = min(end ?? .max, resumes[k + 1].time) }
            return Slice(start: resumes[k].time, end: end, announcedWait: k < returns.count ? returns[k].argument : -1)
        }

        func wake(_ waker: Int32) -> EventDetail? {
            guard waker >= 0 else { return nil }
            if waker == task { return .wake(by: "yield") }
            return .wake(by: tasks[Int(waker)].name.map { "task \($0)" } ?? displayName(of: waker))
        }
        var result: [Event] = []
        func emit(_ time: Int64, _ kind: EventKind, _ detail: EventDetail? = nil) {
            result.append(Event(time: time - origin, task: index, kind: kind, detail: detail))
        }
        /// The first `ready` noted at or after `from` and before `before`, moved to `from`.
        var nextReady = 0
        func readyInGap(from: Int64?, before: Int64) -> (time: Int64, waker: Int32)? {
            var found: (time: Int64, waker: Int32)?
            while nextReady < readies.count, readies[nextReady].time < before {
                if let from, found == nil { found = (max(from, readies[nextReady].time), readies[nextReady].argument) }
                nextReady += 1
            }
            return found
        }

        if let spawn = raw.first(where: { $0.kind == .spawn }) { emit(spawn.time, .spawn) }
        var nextMark = 0
        var lastSuspend: (position: Int, announced: Bool)?
        for slice in slices {
            if let ready = readyInGap(from: lastSuspend.map { _ in result.last!.time + origin }, before: slice.start) {
                inferWait(endedBy: ready.waker, of: task, in: &result, at: lastSuspend)
                emit(ready.time, .ready, wake(ready.waker))
            }
            emit(slice.start, .resume)
            while nextMark < marks.count, marks[nextMark].time < slice.end ?? .max {
                emit(max(slice.start, marks[nextMark].time), .print, details[Int(marks[nextMark].argument)])
                nextMark += 1
            }
            guard let end = slice.end else { return result }
            let wait = slice.announcedWait >= 0 ? details[Int(slice.announcedWait)] : .wait(on: .other, what: "")
            lastSuspend = (result.count, slice.announcedWait >= 0)
            emit(end, .suspend, wait)
        }
        if let lastSuspend {
            if let ready = readyInGap(from: result.last!.time + origin, before: .max) {
                inferWait(endedBy: ready.waker, of: task, in: &result, at: lastSuspend)
                emit(ready.time, .ready, wake(ready.waker))
            } else {
                // The last job returned and nothing enqueued the task again: it finished.
                result[lastSuspend.position].kind = .finish
                result[lastSuspend.position].detail = tasks[index].outcome ?? .outcome(.ok, error: nil)
            }
        }
        return result
    }

    /// A wait the task did not announce, ended by one of its own children, was a wait for that
    /// child (a task group, `async let`, `await task.value`).
    private func inferWait(endedBy waker: Int32, of task: Int32, in events: inout [Event], at suspend: (position: Int, announced: Bool)?) {
        guard let suspend, !suspend.announced, waker >= 0, tasks[Int(waker)].parent == task else { return }
        events[suspend.position].detail = .wait(on: .task, what: displayName(of: waker))
    }
}
