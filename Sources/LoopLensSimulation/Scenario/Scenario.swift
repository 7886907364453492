import LoopLensTrace

/// A program described abstractly, as tasks made of steps, and the executions to compare it in.
public struct Scenario: Sendable, Hashable {
    /// The scenario's title (`scenario:`).
    public var title: String
    /// What to look at (`about:`).
    public var about: String?
    /// The executions shown side by side (`compare:`), by default sequential and concurrent.
    public var executions: [Execution]
    /// The program's body (`tasks:`), with `count` templates expanded, in order.
    public var tasks: [TaskDefinition]
    /// Tasks that run only when spawned, awaited, gathered or called (`subtasks:`).
    public var subtasks: [TaskDefinition]
    /// The locks the steps may take (`locks:`).
    public var locks: [String]
    /// The semaphores the steps may take, with their limits (`semaphores:`).
    public var semaphores: [String: Int]
    /// The events the steps may set and wait on (`events:`).
    public var events: [String]
    /// The queues the steps may put to and get from, with their sizes; 0 is unbounded (`queues:`).
    public var queues: [String: Int]
    /// The size of the worker thread pool (`threads:`): for `to_thread`, and for the `threads` execution.
    public var threads: Int
    /// The number of CPU cores (`cores:`): the process pool of the `processes` execution.
    public var cores: Int
    /// Whether `cpu` steps in the `threads` execution are serialised by a global interpreter lock (`gil:`).
    public var gil: Bool
    /// How long a thread that wants the GIL waits before the holder must drop it (`switch_interval:`),
    /// CPython's `sys.getswitchinterval()`: 5 ms by default.
    public var switchInterval: Nanoseconds

    public init(
        title: String, about: String? = nil, executions: [Execution] = [.sequential, .concurrent],
        tasks: [TaskDefinition], subtasks: [TaskDefinition] = [], locks: [String] = [],
        semaphores: [String: Int] = [:], events: [String] = [], queues: [String: Int] = [:], threads: Int = 4,
        cores: Int = 4, gil: Bool = true, switchInterval: Nanoseconds = 5 * .perMillisecond
    ) {
        self.title = title
        self.about = about
        self.executions = executions
        self.tasks = tasks
        self.subtasks = subtasks
        self.locks = locks
        self.semaphores = semaphores
        self.events = events
        self.queues = queues
        self.threads = threads
        self.cores = cores
        self.gil = gil
        self.switchInterval = switchInterval
    }

    /// The definition of the task or subtask named `name`.
    public func definition(named name: String) -> TaskDefinition? {
        tasks.first { $0.name == name } ?? subtasks.first { $0.name == name }
    }
}

/// A named list of steps.
public struct TaskDefinition: Sendable, Hashable {
    public var name: String
    public var steps: [Step]

    public init(name: String, steps: [Step]) {
        self.name = name
        self.steps = steps
    }
}

/// How a scenario's program is executed.
public enum Execution: String, Sendable, Hashable, CaseIterable {
    /// The synchronous program: one thing at a time; every wait blocks everything.
    case sequential
    /// CPython's asyncio event loop, callback by callback: a FIFO of ready callbacks and a timer heap.
    case concurrent
    /// Each top-level task on a pool of OS threads; under the GIL (unless `gil: false`) CPU-bound
    /// threads take turns in switch intervals.
    case threads
    /// Each top-level task on a pool of `cores` processes: `cpu` runs in parallel.
    case processes
}
