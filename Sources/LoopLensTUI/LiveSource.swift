import LoopLensTrace

/// A trace still being written, which the TUI polls between key presses.
public protocol LiveSource {
    /// Reads what was added since the last call: the trace as it now stands, or `nil` if nothing
    /// changed.
    mutating func refresh() -> Trace?
    /// What the header says about the source: `live`, `ended: exit status 0`.
    var status: String { get }
}
