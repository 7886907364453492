/// The events of one run, stored as parallel columns (struct-of-arrays) so that a million events
/// cost a few bytes each: a time (4 bytes in a busy run, 8 in a sparse one; see ``TimeColumn``),
/// a task index (4), and a kind with an index into a
/// table of distinct payloads (2 bytes while there are few payloads; see
/// ``KindAndPayloadColumn``). The columns grow in chunks, never copying what they hold.
public struct EventLog: Sendable, RandomAccessCollection {
    private var times = TimeColumn()
    private var tasks = ChunkedArray<Int32>()
    private var kindsAndPayloads = KindAndPayloadColumn()
    private var details = DistinctValues<EventDetail>()

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
            detail: detailIndex < 0 ? nil : details[detailIndex]
        )
    }

    /// The task index of the event at `position`, or `nil` for a run-level event.
    public func task(at position: Int) -> Int? {
        let task = tasks[position]
        return task < 0 ? nil : Int(task)
    }

    /// The time of the event at `position`.
    public func time(at position: Int) -> Nanoseconds { times[position] }

    /// The kind of the event at `position`.
    public func kind(at position: Int) -> EventKind { kindsAndPayloads[position].kind }

    /// The number of the payload of the event at `position` among the log's distinct payloads
    /// (see ``payload(numbered:)``), or -1 for none.
    public func payloadNumber(at position: Int) -> Int32 { kindsAndPayloads[position].payload }

    /// The distinct payload numbered `number`.
    public func payload(numbered number: Int32) -> EventDetail { details[number] }

    /// The time of the last event, or 0 for an empty log.
    public var endTime: Nanoseconds { times.last ?? 0 }

    /// Appends an event. Equal payloads are stored once.
    public mutating func append(_ event: Event) {
        append(time: event.time, task: event.task, kind: event.kind, detail: event.detail.map { index(of: $0) } ?? -1)
    }

    /// Appends an event whose payload, if any, is already stored: `detail` is what
    /// ``index(of:)`` returned for it, or -1 for none.
    package mutating func append(time: Nanoseconds, task: Int?, kind: EventKind, detail: Int32) {
        times.append(time)
        tasks.append(task.map(Int32.init) ?? -1)
        kindsAndPayloads.append(kind: kind, payload: detail)
    }

    /// Drops the table that finds an equal payload already stored, once the log is complete: it
    /// costs as much as the payloads themselves (a simulated run with 200 000 counted tasks has
    /// 600 000 distinct ones). Payloads appended later may then be stored twice.
    package mutating func forgetPayloadLookup() {
        details.forgetLookup()
    }

    /// The index of `detail` among the log's distinct payloads, storing it if it is new.
    package mutating func index(of detail: EventDetail) -> Int32 {
        details.number(of: detail)
    }
}
