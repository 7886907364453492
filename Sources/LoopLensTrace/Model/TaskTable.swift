/// The tasks of one run, indexed densely from 0 in the order they were first seen.
///
/// Stored as parallel columns, a name and a parent per task (no parents until a task has one).
/// Identifiers are not stored at all
/// while they are consecutive (as every LoopLens writer makes them: the simulator from 0, the
/// tracers from 1); the first one out of order switches to a stored list and a dictionary. A
/// million tasks so cost about 20 bytes each, not 80.
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

    /// How identifiers map to indices.
    private enum Identifiers: Sendable {
        /// Task `index` has identifier `first + index`.
        case consecutive(first: Int)
        /// Any identifiers: each task's, and the index of each.
        case listed(ids: [Int], indexByID: [Int: Int])
    }

    private var names = ChunkedArray<String>()
    /// Each task's parent index, or -1; empty while no task has a parent (threads, imported lanes).
    private var parents = ChunkedArray<Int32>()
    private var identifiers = Identifiers.consecutive(first: 0)

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { names.count }

    public subscript(position: Int) -> Task {
        let parent = position < parents.count ? parents[position] : -1
        return Task(id: id(at: position), name: names[position], parent: parent < 0 ? nil : Int(parent))
    }

    /// The identifier of the task at `position`.
    public func id(at position: Int) -> Int {
        switch identifiers {
        case .consecutive(let first): first + position
        case .listed(let ids, _): ids[position]
        }
    }

    /// The index of the task with identifier `id`, if it is in the table.
    public func index(ofID id: Int) -> Int? {
        switch identifiers {
        case .consecutive(let first):
            let (position, overflow) = id.subtractingReportingOverflow(first)
            return !overflow && position >= 0 && position < names.count ? position : nil
        case .listed(_, let indexByID):
            return indexByID[id]
        }
    }

    /// The index of the task with identifier `id`, adding a task named `task <id>` if it is new.
    public mutating func index(forID id: Int) -> Int {
        if let index = index(ofID: id) { return index }
        return add(id: id, name: "task \(id)", parent: nil)
    }

    /// Adds a task and returns its index. An existing identifier is renamed and reparented instead.
    @discardableResult
    public mutating func add(id: Int, name: String, parent: Int?) -> Int {
        if let index = index(ofID: id) {
            names[index] = name
            setParent(parent, at: index)
            return index
        }
        let index = names.count
        switch identifiers {
        case .consecutive(let first) where index == 0:
            identifiers = .consecutive(first: id)
        case .consecutive(let first) where first.addingReportingOverflow(index) == (id, false):
            break
        case .consecutive(let first):
            let ids = (0..<index).map { first + $0 }
            var indexByID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            indexByID[id] = index
            identifiers = .listed(ids: ids + [id], indexByID: indexByID)
        case .listed(var ids, var indexByID):
            // Emptied first, so that the arrays are extended in place rather than copied.
            identifiers = .consecutive(first: 0)
            ids.append(id)
            indexByID[id] = index
            identifiers = .listed(ids: ids, indexByID: indexByID)
        }
        names.append(name)
        setParent(parent, at: index)
        return index
    }

    private mutating func setParent(_ parent: Int?, at index: Int) {
        guard parent != nil || !parents.isEmpty else { return }
        while parents.count <= index { parents.append(-1) }
        parents[index] = parent.map(Int32.init) ?? -1
    }
}
