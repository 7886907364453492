/// An append-only array kept in chunks of 65 536 elements, so that growing it never copies what
/// it holds. A plain `Array` doubles its buffer and copies into the new one, holding both at once:
/// at the peak of a 20-million-event load that is half as much memory again. swift-collections has
/// no container that grows without reallocating (`Deque` reallocates too), hence this one.
struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    private static var chunkShift: Int { 16 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    /// Every chunk but the last is full. The first grows as an `Array` does, so that a small array
    /// stays small; each later one is allocated whole.
    private var chunks: [[Element]] = []
    private(set) var count = 0

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        get { chunks[position >> Self.chunkShift][position & Self.chunkMask] }
        set { chunks[position >> Self.chunkShift][position & Self.chunkMask] = newValue }
    }

    var last: Element? { chunks.last?.last }

    mutating func append(_ element: Element) {
        if count & Self.chunkMask == 0 {
            var chunk: [Element] = []
            if count > 0 { chunk.reserveCapacity(1 << Self.chunkShift) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
