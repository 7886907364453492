import LoopLensTrace
import Testing

/// The event log's columns: chunked, with payload indices that widen when they must.
@Suite struct EventLogTests {
    @Test func eventsAcrossChunkBoundariesReadBackAsAppended() {
        var log = EventLog()
        let count = 3 * 65_536 + 17
        for index in 0..<count {
            log.append(Event(time: Nanoseconds(index), task: index % 5 == 0 ? nil : index % 1000, kind: .resume))
        }
        #expect(log.count == count)
        #expect(log.endTime == Nanoseconds(count - 1))
        for index in [0, 65_535, 65_536, 131_071, 131_072, count - 1] {
            #expect(log[index] == Event(time: Nanoseconds(index), task: index % 5 == 0 ? nil : index % 1000, kind: .resume), "\(index)")
        }
    }

    @Test func payloadIndicesWidenPastSixtyFiveThousandDistinctPayloads() {
        var log = EventLog()
        let count = 70_000
        for index in 0..<count {
            let detail: EventDetail? = index % 3 == 0 ? nil : .text("line \(index)")
            log.append(Event(time: Nanoseconds(index), task: 0, kind: .print, detail: detail))
        }
        for index in [0, 1, 2, 65_533, 65_534, 65_535, 98_000 % count, count - 2, count - 1] {
            #expect(log[index].detail == (index % 3 == 0 ? nil : .text("line \(index)")), "\(index)")
        }
        var repeated = EventLog()
        for index in 0..<count { repeated.append(Event(time: Nanoseconds(index), task: 0, kind: .print, detail: .text("same"))) }
        #expect(repeated[count - 1].detail == .text("same"))
    }
}
