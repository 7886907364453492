/// The tasks of one run, indexed densely from 0 in the order they were first seen.
public struct TaskTable: Sendable, RandomAccessCollection {
    /// One task: the identifier used in the trace file, its name and its parent.
    public struct Task: Sendable, Hashable {
        /// The identifier the trace file uses (`task`, `parent`).
        public var id: Int
        /// The task's name (may contain anything; sanitise before printing it to a terminal).
        public var name: String
        /// The index of the parent task in the same table, if it has one.
        public var parent: Int?
    }

    private var entries: [Task] = []
    private var indexByID: [Int: Int] = [:]

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> Task { entries[position] }

    /// The index of the task with identifier `id`, adding a task named `task <id>` if it is new.
    public mutating func index(forID id: Int) -> Int {
        if let index = indexByID[id] { return index }
        return add(id: id, name: "task \(id)", parent: nil)
    }

    /// Adds a task and returns its index. An existing identifier is renamed and reparented instead.
    @discardableResult
    public mutating func add(id: Int, name: String, parent: Int?) -> Int {
        if let index = indexByID[id] {
            entries[index].name = name
            entries[index].parent = parent
            return index
        }
        let index = entries.count
        entries.append(Task(id: id, name: name, parent: parent))
        indexByID[id] = index
        return index
    }
}
