/// Event times in nanoseconds, in chunks of 65 536 that each store 4-byte offsets from the chunk's
/// first time when the chunk spans less than 4.29 s (any run with more than 15 000 events a
/// second), and whole 8-byte times otherwise (or when a time is earlier than the chunk's first).
struct TimeColumn: Sendable {
    private enum Chunk: Sendable {
        case offsets(base: Nanoseconds, [UInt32])
        case whole([Nanoseconds])
    }

    private static var chunkShift: Int { 16 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    private var chunks: [Chunk] = []
    private(set) var count = 0
    private(set) var last: Nanoseconds?

    subscript(position: Int) -> Nanoseconds {
        switch chunks[position >> Self.chunkShift] {
        case .offsets(let base, let offsets): base + Nanoseconds(offsets[position & Self.chunkMask])
        case .whole(let times): times[position & Self.chunkMask]
        }
    }

    mutating func append(_ time: Nanoseconds) {
        defer {
            count += 1
            last = time
        }
        guard count & Self.chunkMask != 0, var chunk = chunks.popLast() else {
            var offsets: [UInt32] = []
            if count > 0 { offsets.reserveCapacity(1 << Self.chunkShift) }
            offsets.append(0)
            chunks.append(.offsets(base: time, offsets))
            return
        }
        // Taken out of `chunks`, and `chunk` emptied before the append, so that it grows in place.
        switch chunk {
        case .offsets(let base, var offsets) where time >= base && time - base <= Nanoseconds(UInt32.max):
            chunk = .whole([])
            offsets.append(UInt32(time - base))
            chunks.append(.offsets(base: base, offsets))
        case .offsets(let base, let offsets):
            var times = offsets.map { base + Nanoseconds($0) }
            times.append(time)
            chunks.append(.whole(times))
        case .whole(var times):
            chunk = .whole([])
            times.append(time)
            chunks.append(.whole(times))
        }
    }
}
