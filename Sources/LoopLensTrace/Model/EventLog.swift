/// The events of one run, stored as parallel columns (struct-of-arrays) so that a million events
/// cost a few bytes each: a time (4 bytes in a busy run, 8 in a sparse one; see ``TimeColumn``),
/// a task index (4), and a kind with an index into a
/// table of distinct payloads (2 bytes while there are few payloads; see
/// ``KindAndPayloadColumn``). The columns grow in chunks, never copying what they hold.
public struct EventLog: Sendable, RandomAccessCollection {
    private var times = TimeColumn()
    private var tasks = ChunkedArray<Int32>()
    private var kindsAndPayloads = KindAndPayloadColumn()
    private var details: [EventDetail] = []
    private var detailIndexByValue: [EventDetail: Int32] = [:]

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { times.count }

    public subscript(position: Int) -> Event {
        let (kind, detailIndex) = kindsAndPayloads[position]
        let task = tasks[position]
        return Event(
            time: times[position],
            task: task < 0 ? nil : Int(task),
            kind: kind,
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
        guard let detail = event.detail else {
            kindsAndPayloads.append(kind: event.kind, payload: -1)
            return
        }
        if let index = detailIndexByValue[detail] {
            kindsAndPayloads.append(kind: event.kind, payload: index)
        } else {
            let index = Int32(details.count)
            details.append(detail)
            detailIndexByValue[detail] = index
            kindsAndPayloads.append(kind: event.kind, payload: index)
        }
    }
}
