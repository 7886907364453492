/// The payloads of recent trace lines, found again from their bytes.
///
/// Most payloads repeat (`"on":"io","what":"GET /items/7"`, `"by":"io"`), and storing one in an
/// ``EventLog`` means making a `String` and hashing it with SipHash. This cache, direct-mapped by a
/// cheap FNV-1a hash of the payload's bytes and checked byte for byte, hands back the index the log
/// gave it before. Written by hand: `Dictionary` would need a key made of the bytes first.
struct RecentDetails {
    private struct Entry {
        var hash: UInt64
        var run: Int
        var bytes: [UInt8]
        var index: Int32
    }

    private static var slotCount: Int { 4096 }
    private var entries: [Entry?] = Array(repeating: nil, count: Self.slotCount)

    /// The index of the payload of `run`'s log that `tag` (which payload case, wait reason or result)
    /// and `text` stand for; `make` stores the payload when it is not cached.
    mutating func index(run: Int, tag: UInt8, text: JSONText?, make: () -> Int32) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(tag)
        for byte in text?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (Self.slotCount - 1)
        if let entry = entries[slot], entry.hash == hash, entry.run == run, text?.equals(entry.bytes) ?? entry.bytes.isEmpty {
            return entry.index
        }
        let index = make()
        entries[slot] = Entry(hash: hash, run: run, bytes: text.map { Array($0.bytes) } ?? [], index: index)
        return index
    }
}
