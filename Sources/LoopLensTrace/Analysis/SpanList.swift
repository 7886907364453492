/// Spans of event positions `[start, end)`, added in order of their starts, that answers which of
/// them hold a position (start at or before it, end after it), in start order, at a cost of the
/// spans it names (and a logarithm), not of the spans it passes over: the ready queue at an instant of a 200 000-task run is a few entries
/// among millions of spans.
///
/// The ends are summarised in a tree of maxima, 64 to a node, so that a walk in start order skips
/// whole groups of spans that all ended before the position asked about. A segment tree written by
/// hand: swift-collections has none, and this one is two arrays of `Int32` and a small third.
struct SpanList: Sendable {
    private static let fanOut = 64
    /// Where each span starts, ascending.
    private(set) var starts: [Int32] = []
    /// Where each span ends, in the order of `starts`; `Int32.max` while it is open.
    private var ends: [Int32] = []
    /// `maxima[0]` holds the largest end of each 64 spans, `maxima[1]` of each 64 of those, …, up
    /// to a level of at most 64 entries.
    private var maxima: [[Int32]] = []

    /// The number of spans.
    var count: Int { starts.count }

    /// Opens a span at `start`, which is no earlier than any before it, and returns its number.
    mutating func open(at start: Int32) -> Int {
        starts.append(start)
        ends.append(.max)
        return starts.count - 1
    }

    /// Closes the span numbered `span` at `end`.
    mutating func close(_ span: Int, at end: Int32) {
        ends[span] = end
    }

    /// Builds the structures that answer questions, once every span is added.
    mutating func finish() {
        maxima = []
        var level = ends
        while level.count > Self.fanOut {
            level = stride(from: 0, to: level.count, by: Self.fanOut).map { level[$0..<min($0 + Self.fanOut, level.count)].max()! }
            maxima.append(level)
        }
    }

    /// Calls `body` with the number of each span that holds `position`, in start order, until
    /// `body` returns `false`.
    func forEachSpan(holding position: Int32, _ body: (Int) -> Bool) {
        let candidates = Self.countBelow(position + 1, in: starts)
        guard candidates > 0 else { return }
        // Visits the node `node` of level `level` (-1: the spans themselves); false once `body` is done.
        func visit(level: Int, node: Int) -> Bool {
            if level < 0 {
                return ends[node] <= position || body(node)
            }
            guard maxima[level][node] > position else { return true }
            let width = Self.power(level)
            let first = node * Self.fanOut
            let last = min(first + Self.fanOut, level == 0 ? ends.count : maxima[level - 1].count)
            for child in first..<last {
                guard child * width < candidates else { return true }
                if !visit(level: level - 1, node: child) { return false }
            }
            return true
        }
        let top = maxima.count - 1
        let topCount = maxima.last?.count ?? ends.count
        for node in 0..<topCount {
            guard node * Self.power(top + 1) < candidates else { return }
            if !visit(level: top, node: node) { return }
        }
    }

    /// Where span `span` ends (`Int32.max`: never).
    func end(of span: Int) -> Int32 { ends[span] }

    /// `fanOut` to the power `exponent`: how many spans a node of level `exponent - 1` covers (a
    /// span, at "level -1", covers one).
    private static func power(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { product, _ in product * fanOut }
    }

    /// How many of the ascending `values` are below `bound`.
    private static func countBelow(_ bound: Int32, in values: [Int32]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
