import LoopLensTrace

/// How much work reading and simulating one scenario may take, so that a hostile or mistaken file
/// (`count: 1000000000`, a YAML alias bomb, decades of `cpu` on threads taking 5 ms turns at the
/// GIL) ends in a clear error instead of filling the memory. The command line raises each limit
/// with the option named in ``option(for:)``.
public struct SimulationLimits: Sendable, Hashable {
    /// The most tasks one execution creates: every top-level task and `count` instance, and each
    /// `spawn` and `gather` again wherever it runs.
    public var tasks: Int
    /// The most YAML nodes the scenario parser visits, with every alias expanded where it is used
    /// and the steps of a counted task once per instance.
    public var yamlNodes: Int
    /// The most events one simulated run records.
    public var events: Int

    public init(tasks: Int = 1_000_000, yamlNodes: Int = 2_000_000, events: Int = 10_000_000) {
        self.tasks = tasks
        self.yamlNodes = yamlNodes
        self.events = events
    }

    /// The default limits.
    public static let standard = SimulationLimits()

    /// One of the limits.
    public enum Limit: Sendable {
        case tasks, yamlNodes, events
    }

    /// The command-line option that raises `limit`.
    public static func option(for limit: Limit) -> String {
        switch limit {
        case .tasks: "--max-tasks"
        case .yamlNodes: "--max-yaml-nodes"
        case .events: "--max-events"
        }
    }
}

/// A simulated run that recorded more events than ``SimulationLimits/events``: it was stopped there.
public struct EventLimitExceeded: Error, Sendable {
    /// The execution that was being simulated.
    public var execution: Execution
    /// The limit that was passed.
    public var limit: Int
    /// How far the run had got in virtual time when it was stopped.
    public var time: Nanoseconds

    /// One sentence: what happened and what to change.
    public var message: String {
        "the '\(execution.rawValue)' run passed \(limit) events, the limit, at \(time.formatted(.summary, ascii: true)) of simulated time, and was stopped; lower the counts or durations (under 'threads' with the GIL, every switch interval of 'cpu' takes events), or raise the limit with \(SimulationLimits.option(for: .events))"
    }
}
