import LoopLensTrace

/// A lane to draw: a task and how deep it sits in the task tree.
public struct Lane: Sendable, Hashable {
    public var task: Int
    public var depth: Int
}

extension Run {
    /// The run's tasks as a tree, depth first: each task's children follow it, ordered by when
    /// they were spawned (`starts`, from ``Run/taskStarts(_:)``). Tasks whose parent is unknown are
    /// roots.
    public func lanes(starts: [Nanoseconds]) -> [Lane] {
        var children = [[Int]](repeating: [], count: tasks.count)
        var roots: [Int] = []
        for index in tasks.indices {
            if let parent = tasks[index].parent, parent != index, children.indices.contains(parent) {
                children[parent].append(index)
            } else {
                roots.append(index)
            }
        }
        let byStart = { (a: Int, b: Int) in (starts[a], a) < (starts[b], b) }
        var lanes: [Lane] = []
        var visited = [Bool](repeating: false, count: tasks.count)
        var stack = roots.sorted(by: byStart).reversed().map { Lane(task: $0, depth: 0) }
        while let lane = stack.popLast() {
            guard !visited[lane.task] else { continue }
            visited[lane.task] = true
            lanes.append(lane)
            stack += children[lane.task].sorted(by: byStart).reversed().map { Lane(task: $0, depth: lane.depth + 1) }
        }
        // A cycle of parents leaves tasks unvisited: show them as roots rather than lose them.
        lanes += tasks.indices.filter { !visited[$0] }.map { Lane(task: $0, depth: 0) }
        return lanes
    }
}

extension Run {
    /// The lanes of the tasks `selected`, in the order and at the depths ``lanes(starts:)`` gives
    /// them, found from those tasks and their ancestors alone: a few lanes of a ten-million-task
    /// run cost a few paths, not the whole tree.
    ///
    /// Depth first with children ordered by (first event time, index) is the lexicographic order
    /// of each task's path from its root, written as those keys. A task whose ancestors loop
    /// without reaching a root is left unvisited by the walk, so it goes last at depth 0, by index.
    func lanes(of selected: [Int]) -> [Lane] {
        var paths: [(task: Int, path: [Int])] = []
        var unreachable: [Int] = []
        var needed = Set<Int>()
        for task in selected {
            var path = [task]
            var seen: Set = [task]
            var reachesRoot = true
            while let parent = tasks[path[path.count - 1]].parent, parent != path[path.count - 1], tasks.indices.contains(parent) {
                guard seen.insert(parent).inserted else {
                    reachesRoot = false
                    break
                }
                path.append(parent)
            }
            if reachesRoot {
                paths.append((task, path.reversed()))
                needed.formUnion(path)
            } else {
                unreachable.append(task)
            }
        }
        var start: [Int: Nanoseconds] = [:]
        for position in events.indices {
            guard let task = events.task(at: position), needed.contains(task), start[task] == nil else { continue }
            start[task] = events[position].time
        }
        let key = { (task: Int) in (start[task] ?? duration, task) }
        paths.sort { a, b in
            for (x, y) in zip(a.path, b.path) where x != y { return key(x) < key(y) }
            return a.path.count < b.path.count
        }
        return paths.map { Lane(task: $0.task, depth: $0.path.count - 1) } + unreachable.sorted().map { Lane(task: $0, depth: 0) }
    }
}

/// Matches lane names against `--lanes`: a glob when it has `*` or `?`, otherwise a substring.
struct LaneFilter {
    let pattern: [Character]
    let isGlob: Bool

    init(_ pattern: String) {
        self.pattern = Array(pattern.lowercased())
        self.isGlob = pattern.contains("*") || pattern.contains("?")
    }

    func matches(_ name: String) -> Bool {
        let name = Array(name.lowercased())
        guard isGlob else {
            return pattern.isEmpty
                || name.count >= pattern.count
                    && (0...(name.count - pattern.count)).contains { start in
                        name[start..<start + pattern.count].elementsEqual(pattern)
                    }
        }
        return Self.glob(pattern, name)
    }

    /// Glob matching without backtracking into earlier stars: each `*` is first tried as empty, and
    /// on a mismatch only the most recent `*` takes one more character. A later star never needs an
    /// earlier one to grow, so the work is at most (pattern length × name length) steps, where the
    /// textbook recursion is exponential in the number of stars.
    private static func glob(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0, n = 0
        var star: (pattern: Int, name: Int)?
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] && pattern[p] != "*" {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if let last = star {
                star = (last.pattern, last.name + 1)
                p = last.pattern + 1
                n = last.name + 1
            } else {
                return false
            }
        }
        return pattern[p...].allSatisfy { $0 == "*" }
    }
}
