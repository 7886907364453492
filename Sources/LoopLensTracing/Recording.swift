import LoopLensTrace

/// Everything a tracing executor has observed: tasks and raw events, in the order seen.
///
/// Not synchronised itself: the executor changes it only while holding its lock.
struct Recording {
    /// One task seen by the executor.
    struct RecordedTask {
        /// The recording index of the task that was running on a worker when this one was enqueued first.
        var parent: Int32
        /// `Task.name`, once read from inside the task.
        var name: String?
        /// Whether `Task.name` has been read from inside the task (it may have none).
        var nameWasRead = false
        /// The wait the task announced during its current slice, or -1.
        var announcedWait: Int32 = -1
        /// The result the task announced before returning, if it did.
        var outcome: EventDetail?
    }

    private(set) var tasks: [RecordedTask] = []
    private(set) var events: [RecordedEvent] = []
    /// The payloads events refer to by index: announced waits and mark texts.
    private(set) var details = DistinctValues<EventDetail>()
    private var taskIndexByRuntimeID: [UInt64: Int32] = [:]

    init() {
        events.reserveCapacity(1 << 12)
    }

    /// Records that a job of the task with `runtimeID` was enqueued, and returns the task's index.
    /// The first job of a task is its spawn; `waker` (a task index or -1) was running on a worker.
    mutating func enqueued(runtimeID: UInt64, at time: Int64, by waker: Int32) -> Int32 {
        if let index = taskIndexByRuntimeID[runtimeID] {
            events.append(RecordedEvent(time: time, task: index, kind: .ready, argument: waker))
            return index
        }
        let index = Int32(tasks.count)
        tasks.append(RecordedTask(parent: waker))
        taskIndexByRuntimeID[runtimeID] = index
        events.append(RecordedEvent(time: time, task: index, kind: .spawn, argument: -1))
        return index
    }

    /// Adds a lane that is not a Swift task, spawned by `parent`; returns its index.
    mutating func addLane(named name: String, parent: Int32, at time: Int64) -> Int32 {
        let index = Int32(tasks.count)
        tasks.append(RecordedTask(parent: parent, name: name, nameWasRead: true))
        events.append(RecordedEvent(time: time, task: index, kind: .spawn, argument: -1))
        return index
    }

    /// Records that a worker started running a job of `task`.
    mutating func resumed(_ task: Int32, at time: Int64) {
        tasks[Int(task)].announcedWait = -1
        events.append(RecordedEvent(time: time, task: task, kind: .resume, argument: -1))
    }

    /// Records that the job of `task` returned to its worker.
    mutating func sliceEnded(_ task: Int32, at time: Int64) {
        let wait = tasks[Int(task)].announcedWait
        events.append(RecordedEvent(time: time, task: task, kind: .sliceEnd, argument: wait))
    }

    /// Whether the task's name has yet to be read (a task's name never changes).
    func needsName(_ task: Int32) -> Bool {
        !tasks[Int(task)].nameWasRead
    }

    /// Gives `task` the name read from inside it (`nil`: it has none).
    mutating func name(_ task: Int32, _ name: String?) {
        guard !tasks[Int(task)].nameWasRead else { return }
        tasks[Int(task)].name = name
        tasks[Int(task)].nameWasRead = true
    }

    /// Notes what `task` will wait on when its current slice ends.
    mutating func announceWait(of task: Int32, on reason: WaitReason, what: String) {
        tasks[Int(task)].announcedWait = details.number(of: .wait(on: reason, what: what))
    }

    /// Notes how `task` ends, if its current slice is its last.
    mutating func announceOutcome(of task: Int32, _ outcome: EventDetail) {
        tasks[Int(task)].outcome = outcome
    }

    /// Records a mark with `text` on the lane of `task`.
    mutating func mark(_ task: Int32, _ text: String, at time: Int64) {
        events.append(RecordedEvent(time: time, task: task, kind: .mark, argument: details.number(of: .text(text))))
    }
}
