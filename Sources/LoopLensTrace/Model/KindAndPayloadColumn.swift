/// Each event's kind and payload index (-1 for none), in as few bytes as the run allows: 2 while
/// it has fewer than 4 095 distinct payloads (as simulated runs and most recordings do), then 3,
/// then 5 past 65 534. Widening re-encodes what is there once.
struct KindAndPayloadColumn: Sendable {
    private enum Storage: Sendable {
        /// The kind's position in `EventKind.allCases` in the top 4 bits, the payload index in the
        /// low 12 (`0xFFF`: none).
        case packed(ChunkedArray<UInt16>)
        /// `UInt16.max`: none.
        case narrow(kinds: ChunkedArray<EventKind>, payloads: ChunkedArray<UInt16>)
        case wide(kinds: ChunkedArray<EventKind>, payloads: ChunkedArray<Int32>)
    }

    private static let kinds = EventKind.allCases
    private static let packedNone: UInt16 = 0xFFF

    private var storage = Storage.packed(ChunkedArray())

    init() {
        precondition(Self.kinds.count <= 16, "the packed column has 4 bits for an event's kind")
    }

    subscript(position: Int) -> (kind: EventKind, payload: Int32) {
        switch storage {
        case .packed(let values):
            let value = values[position]
            let payload = value & Self.packedNone
            return (Self.kinds[Int(value >> 12)], payload == Self.packedNone ? -1 : Int32(payload))
        case .narrow(let kinds, let payloads):
            return (kinds[position], payloads[position] == .max ? -1 : Int32(payloads[position]))
        case .wide(let kinds, let payloads):
            return (kinds[position], payloads[position])
        }
    }

    var count: Int {
        switch storage {
        case .packed(let values): values.count
        case .narrow(let kinds, _), .wide(let kinds, _): kinds.count
        }
    }

    mutating func append(kind: EventKind, payload: Int32) {
        // Each case first takes its arrays out of `storage`, so that they grow in place.
        switch storage {
        case .packed(var values) where payload < Int32(Self.packedNone):
            storage = .packed(ChunkedArray())
            let kindIndex = UInt16(Self.kinds.firstIndex(of: kind)!)
            values.append(kindIndex << 12 | (payload < 0 ? Self.packedNone : UInt16(payload)))
            storage = .packed(values)
        case .narrow(var kinds, var payloads) where payload < Int32(UInt16.max):
            storage = .packed(ChunkedArray())
            kinds.append(kind)
            payloads.append(payload < 0 ? .max : UInt16(payload))
            storage = .narrow(kinds: kinds, payloads: payloads)
        case .wide(var kinds, var payloads):
            storage = .packed(ChunkedArray())
            kinds.append(kind)
            payloads.append(payload)
            storage = .wide(kinds: kinds, payloads: payloads)
        case .packed, .narrow:
            widen(for: payload)
            append(kind: kind, payload: payload)
        }
    }

    /// Re-encodes the column in the next form wide enough for `payload`.
    private mutating func widen(for payload: Int32) {
        var kinds = ChunkedArray<EventKind>()
        let old = self
        let entries = (0..<count).lazy.map { old[$0] }
        if payload < Int32(UInt16.max) {
            var payloads = ChunkedArray<UInt16>()
            for entry in entries {
                kinds.append(entry.kind)
                payloads.append(entry.payload < 0 ? .max : UInt16(entry.payload))
            }
            storage = .narrow(kinds: kinds, payloads: payloads)
        } else {
            var payloads = ChunkedArray<Int32>()
            for entry in entries {
                kinds.append(entry.kind)
                payloads.append(entry.payload)
            }
            storage = .wide(kinds: kinds, payloads: payloads)
        }
    }
}
