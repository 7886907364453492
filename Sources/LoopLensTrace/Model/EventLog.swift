/// The events of one run, stored as parallel arrays (struct-of-arrays) so that a million events cost
/// a few bytes each: a time, a task index, a kind and an index into a table of distinct payloads.
public struct EventLog: Sendable, RandomAccessCollection {
    private var times: [Nanoseconds] = []
    private var tasks: [Int32] = []
    private var kinds: [EventKind] = []
    private var detailIndices: [Int32] = []
    private var details: [EventDetail] = []
    private var detailIndexByValue: [EventDetail: Int32] = [:]

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
