/// The events of one run, stored as parallel columns (struct-of-arrays) so that a million events
/// cost a few bytes each: a time (8 bytes), a task index (4), a kind (1) and an index into a table
/// of distinct payloads (2, or 4 once there are more than 65 534 distinct payloads). The columns
/// grow in chunks, never copying what they hold.
public struct EventLog: Sendable, RandomAccessCollection {
    private var times = ChunkedArray<Nanoseconds>()
    private var tasks = ChunkedArray<Int32>()
    private var kinds = ChunkedArray<EventKind>()
    private var detailIndices = DetailIndices.narrow(ChunkedArray())
    private var details: [EventDetail] = []
    private var detailIndexByValue: [EventDetail: Int32] = [:]

    /// Each event's payload index, -1 for none: in 2 bytes while there are few payloads.
    private enum DetailIndices: Sendable {
        /// `UInt16.max` is none.
        case narrow(ChunkedArray<UInt16>)
        case wide(ChunkedArray<Int32>)

        subscript(position: Int) -> Int32 {
            switch self {
            case .narrow(let indices): indices[position] == .max ? -1 : Int32(indices[position])
            case .wide(let indices): indices[position]
            }
        }

        mutating func append(_ index: Int32) {
            switch self {
            case .narrow(var indices) where index < Int32(UInt16.max):
                self = .wide(ChunkedArray())  // drops the reference, so that `indices` grows in place
                indices.append(index < 0 ? .max : UInt16(index))
                self = .narrow(indices)
            case .narrow(let indices):
                var wide = ChunkedArray<Int32>()
                for narrow in indices { wide.append(narrow == .max ? -1 : Int32(narrow)) }
                wide.append(index)
                self = .wide(wide)
            case .wide(var indices):
                self = .narrow(ChunkedArray())
                indices.append(index)
                self = .wide(indices)
            }
        }
    }

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { times.count }

    public subscript(position: Int) -> Event {
        let detailIndex = detailIndices[position]
        let task = tasks[position]
        return Event(
            time: times[position],
            task: task < 0 ? nil : Int(task),
            kind: kinds[position],
            detail: detailIndex < 0 ? nil : details[Int(detailIndex)]
        )
    }

    /// The task index of the event at `position`, or `nil` for a run-level event.
    public func task(at position: Int) -> Int? {
        let task = tasks[position]
        return task < 0 ? nil : Int(task)
    }

    /// The time of the last event, or 0 for an empty log.
    public var endTime: Nanoseconds { times.last ?? 0 }

    /// Appends an event. Equal payloads are stored once.
    public mutating func append(_ event: Event) {
        times.append(event.time)
        tasks.append(event.task.map(Int32.init) ?? -1)
        kinds.append(event.kind)
        guard let detail = event.detail else {
            detailIndices.append(-1)
            return
        }
        if let index = detailIndexByValue[detail] {
            detailIndices.append(index)
        } else {
            let index = Int32(details.count)
            details.append(detail)
            detailIndexByValue[detail] = index
            detailIndices.append(index)
        }
    }
}
