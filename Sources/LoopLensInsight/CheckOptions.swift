import LoopLensTrace

/// What the rules are asked to look for.
public struct CheckOptions: Sendable, Hashable {
    /// A running slice that keeps another task ready longer than this blocks the loop.
    public var blockThreshold: Nanoseconds
    /// Rules (``Rule/name``) not to run.
    public var ignoredRules: Set<String>
    /// Findings worded in 7-bit ASCII (`us` for microseconds).
    public var ascii: Bool

    public static let defaultBlockThreshold: Nanoseconds = 100 * .perMillisecond

    public init(blockThreshold: Nanoseconds = defaultBlockThreshold, ignoredRules: Set<String> = [], ascii: Bool = false) {
        self.blockThreshold = blockThreshold
        self.ignoredRules = ignoredRules
        self.ascii = ascii
    }
}
