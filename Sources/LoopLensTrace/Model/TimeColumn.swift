/// Event times in nanoseconds, in chunks of 65 536 that each store 4-byte offsets from the chunk's
/// first time when the chunk spans less than 4.29 s (any run with more than 15 000 events a
/// second), and whole 8-byte times otherwise (or when a time is earlier than the chunk's first).
struct TimeColumn: Sendable {
    /// One chunk: `offsets` from `base`, or, once a time does not fit, `wholes`. A struct of both
    /// rather than an enum, so that reading a time (binary searches do it millions of times a
    /// second) reaches the array without binding, and retaining, an enum's payload.
    private struct Chunk: Sendable {
        var base: Nanoseconds
        var offsets: [UInt32] = []
        var wholes: [Nanoseconds] = []
        var isWhole = false
    }

    private static var chunkShift: Int { 16 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    private var chunks: [Chunk] = []
    private(set) var count = 0
    private(set) var last: Nanoseconds?

    subscript(position: Int) -> Nanoseconds {
        let chunk = position >> Self.chunkShift
        let index = position & Self.chunkMask
        return chunks[chunk].isWhole ? chunks[chunk].wholes[index] : chunks[chunk].base + Nanoseconds(chunks[chunk].offsets[index])
    }

    mutating func append(_ time: Nanoseconds) {
        defer {
            count += 1
            last = time
        }
        guard count & Self.chunkMask != 0 else {
            var chunk = Chunk(base: time)
            if count > 0 { chunk.offsets.reserveCapacity(1 << Self.chunkShift) }
            chunk.offsets.append(0)
            chunks.append(chunk)
            return
        }
        let current = chunks.count - 1
        if chunks[current].isWhole {
            chunks[current].wholes.append(time)
        } else if time >= chunks[current].base, time - chunks[current].base <= Nanoseconds(UInt32.max) {
            chunks[current].offsets.append(UInt32(time - chunks[current].base))
        } else {
            let base = chunks[current].base
            chunks[current].wholes = chunks[current].offsets.map { base + Nanoseconds($0) } + [time]
            chunks[current].offsets = []
            chunks[current].isWhole = true
        }
    }
}
