/// How the TUI follows a trace that is still being written.
public struct LiveView: Sendable, Hashable {
    /// What the header says about the source: `live`, `ended: exit status 0`.
    public var status: String
    /// The playhead and the window's right edge stay at *now*; moving the playhead (or Space)
    /// pauses this, `G` (or Space again) resumes it.
    public var followsNow = true
    /// The window shows the whole trace so far; zooming fixes its span, `0` shows all again.
    public var showsAll = true

    public init(status: String) {
        self.status = status
    }
}
