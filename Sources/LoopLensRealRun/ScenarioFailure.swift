/// An exception raised inside a scenario task: a `fail` step, or a timeout that expired.
struct ScenarioFailure: Error, CustomStringConvertible {
    var description: String
}

/// The deadline of an enclosing `timeout` step has passed: raised at the task's wait, and turned
/// into a ``ScenarioFailure`` by the step that set it.
struct TimeoutExpired: Error {
    var timeout: Int
}

/// An enclosing `timeout` step: its number (unique in the run) and when it expires.
struct Deadline: Sendable {
    var timeout: Int
    var instant: ContinuousClock.Instant
}
