/// Where each task's events lie in its run's log: per task, the positions of its events in time
/// order. Built in two passes over the log; it costs 4 bytes per event of the indexed tasks (and
/// 8 per task), so that one task's states can be derived, in full or for a window of time, without
/// reading the other tasks' events.
public struct TaskEventIndex: Sendable {
    /// Per task slot, where its positions start in `positions`; one more entry marks the end.
    private let starts: [Int]
    private let positions: [Int32]
    /// Each task's slot, when only some tasks are indexed (-1: not indexed).
    private let slotOfTask: [Int32]?
    /// The indexed tasks, in slot order.
    public let tasks: [Int]

    /// Indexes the events of `selected` tasks of `run` (indices into its ``Run/tasks``), or of
    /// every task.
    public init(_ run: Run, tasks selected: [Int]? = nil) {
        let tasks = selected ?? Array(run.tasks.indices)
        var slotOfTask: [Int32]?
        if selected != nil {
            var slots = [Int32](repeating: -1, count: run.tasks.count)
            for (slot, task) in tasks.enumerated() where slots.indices.contains(task) && slots[task] < 0 { slots[task] = Int32(slot) }
            slotOfTask = slots
        }
        func slot(at position: Int) -> Int? {
            guard let task = run.events.task(at: position) else { return nil }
            guard let slotOfTask else { return task < tasks.count ? task : nil }
            return task < slotOfTask.count && slotOfTask[task] >= 0 ? Int(slotOfTask[task]) : nil
        }
        var starts = [Int](repeating: 0, count: tasks.count + 1)
        for position in run.events.indices {
            if let slot = slot(at: position) { starts[slot + 1] += 1 }
        }
        for slot in tasks.indices { starts[slot + 1] += starts[slot] }
        var next = starts
        var positions = [Int32](repeating: 0, count: starts[tasks.count])
        for position in run.events.indices {
            guard let slot = slot(at: position) else { continue }
            positions[next[slot]] = Int32(position)
            next[slot] += 1
        }
        (self.starts, self.positions, self.slotOfTask, self.tasks) = (starts, positions, slotOfTask, tasks)
    }

    /// Whether `task`'s events are indexed.
    public func contains(_ task: Int) -> Bool {
        slot(of: task) != nil
    }

    /// The positions in the log of `task`'s events, in time order; empty for a task not indexed.
    public func positions(of task: Int) -> ArraySlice<Int32> {
        guard let slot = slot(of: task) else { return [] }
        return positions[starts[slot]..<starts[slot + 1]]
    }

    private func slot(of task: Int) -> Int? {
        guard let slotOfTask else { return task >= 0 && task < tasks.count ? task : nil }
        return task >= 0 && task < slotOfTask.count && slotOfTask[task] >= 0 ? Int(slotOfTask[task]) : nil
    }
}
