/// What a task is doing during a span of time, derived from its events.
public enum TaskState: Sendable, Hashable {
    /// On the CPU: it owns the loop (or its thread runs).
    case running
    /// Runnable, but waiting for the loop, a worker or the GIL.
    case ready
    /// Suspended at an await; the loop is free to run others.
    case waiting(WaitReason)
    /// Synchronous code waiting: its thread is held while it waits.
    case blocked(WaitReason)

    /// What a waiting or blocked state waits on, as the footer, the findings and the critical path
    /// word it: `io GET /page1`, `lock db`, with `what` cut to `limit` characters first (a gather's
    /// can name thousands of tasks); `nil` for running and ready.
    public func waitDescription(_ what: String?, limit: Int = 60) -> String? {
        switch self {
        case .waiting(let reason), .blocked(let reason):
            let what = (what ?? "").prefix(limit)
            return what.isEmpty ? reason.rawValue : "\(reason.rawValue) \(what)"
        case .running, .ready: return nil
        }
    }

    /// The three ways a state is drawn: running, ready, or waiting (suspended or blocked).
    public var category: Category {
        switch self {
        case .running: .running
        case .ready: .ready
        case .waiting, .blocked: .waiting
        }
    }

    /// How a state is drawn, in order of drawing priority (a cell shows its highest category).
    public enum Category: Int, Sendable, Hashable, Comparable, CaseIterable {
        case waiting = 1
        case ready = 2
        case running = 3

        public static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}

/// A span `[start, end)` during which a task was in one state.
public struct StateInterval: Sendable, Hashable {
    public var start: Nanoseconds
    public var end: Nanoseconds
    public var state: TaskState
    /// What the task waited on (a lock's name, a task's name), for waiting and blocked states.
    public var what: String?

    public init(start: Nanoseconds, end: Nanoseconds, state: TaskState, what: String? = nil) {
        self.start = start
        self.end = end
        self.state = state
        self.what = what
    }

    public var duration: Nanoseconds { end - start }
}
