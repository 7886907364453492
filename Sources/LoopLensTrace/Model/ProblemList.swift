/// The problems (or warnings) found in one input file: the first ``limit`` are listed, the rest
/// only counted, and ``reported`` ends by saying how many were left out. The trace reader and the
/// scenario parser both collect theirs in one.
public struct ProblemList: Sendable {
    /// How many are listed.
    public static let limit = 50

    /// The problems listed so far, in the order found.
    public private(set) var listed: [InputError] = []
    /// How many were found, listed or not.
    public private(set) var count = 0

    public init() {}

    /// Whether a problem added now is still listed.
    public var isListing: Bool { listed.count < Self.limit }

    public mutating func append(_ problem: InputError) {
        count += 1
        if isListing { listed.append(problem) }
    }

    /// The listed problems (sorted by position in the file when `byPosition`), then, if some were
    /// left out, `N more problems were not listed` (or `warnings`) at the last one's line.
    public func reported(byPosition: Bool = false) -> [InputError] {
        var reported = byPosition ? listed.sorted { ($0.line, $0.column) < ($1.line, $1.column) } : listed
        if count > listed.count, let last = reported.last {
            let noun = last.severity == .warning ? "warnings" : "problems"
            reported.append(
                InputError(
                    file: last.file, line: last.line, column: 1, message: "\(count - listed.count) more \(noun) were not listed",
                    severity: last.severity))
        }
        return reported
    }
}
