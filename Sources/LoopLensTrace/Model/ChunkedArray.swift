/// An append-only array kept in chunks of 65 536 elements, so that growing it never copies what
/// it holds. A plain `Array` doubles its buffer and copies into the new one, holding both at once:
/// at the peak of a 20-million-event load that is half as much memory again. swift-collections has
/// no container that grows without reallocating (`Deque` reallocates too), hence this one.
struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    private static var chunkShift: Int { 16 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    /// The full chunks.
    private var full: [[Element]] = []
    /// The chunk being filled, kept apart so that appending to it touches one array. The first
    /// grows as an `Array` does, so that a small array stays small; each later one is allocated whole.
    private var tail: [Element] = []

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    var count: Int { full.count << Self.chunkShift + tail.count }

    subscript(position: Int) -> Element {
        get {
            let chunk = position >> Self.chunkShift
            return chunk < full.count ? full[chunk][position & Self.chunkMask] : tail[position & Self.chunkMask]
        }
        set {
            let chunk = position >> Self.chunkShift
            if chunk < full.count { full[chunk][position & Self.chunkMask] = newValue } else { tail[position & Self.chunkMask] = newValue }
        }
    }

    var last: Element? { tail.last ?? full.last?.last }

    mutating func append(_ element: Element) {
        if tail.count == 1 << Self.chunkShift {
            full.append(tail)
            tail = []
            tail.reserveCapacity(1 << Self.chunkShift)
        }
        tail.append(element)
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
