/// Everything LoopLens shows: one or more runs of the same program, compared side by side.
public struct Trace: Sendable {
    /// The runs, in the order they are shown.
    public var runs: [Run]

    public init(runs: [Run] = []) {
        self.runs = runs
    }
}
