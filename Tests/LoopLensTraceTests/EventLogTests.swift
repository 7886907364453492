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

    @Test func kindsAndPayloadsSurviveEachWideningOfTheColumn() {
        var log = EventLog()
        let count = 100_000
        let kinds = EventKind.allCases
        func event(_ index: Int) -> Event {
            let detail: EventDetail? = index % 3 == 0 ? nil : .text("line \(index)")
            return Event(time: Nanoseconds(index), task: index % 7, kind: kinds[index % kinds.count], detail: detail)
        }
        for index in 0..<count { log.append(event(index)) }
        // Distinct payloads pass 4 095 (2 bytes to 3) near event 6 142, and 65 534 (3 to 5) near 98 300.
        for index in [0, 1, 2, 4_094, 4_095, 6_141, 6_142, 6_143, 65_535, 98_299, 98_300, 98_301, 98_302, count - 2, count - 1] {
            #expect(log[index] == event(index), "\(index)")
        }
        var repeated = EventLog()
        for index in 0..<count { repeated.append(Event(time: Nanoseconds(index), task: 0, kind: .print, detail: .text("same"))) }
        #expect(repeated[count - 1].detail == .text("same"))
    }

    @Test func timesKeepTheirValueWhetherAChunkStoresOffsetsOrWholeTimes() {
        // Chunk 1 spans 4.29 s exactly to the nanosecond, chunk 2 more (whole times), chunk 3 less.
        var times: [Nanoseconds] = []
        for index in 0..<65_536 { times.append(index == 65_535 ? Int64(UInt32.max) : Int64(index)) }
        for index in 0..<65_536 { times.append(Int64(UInt32.max) + 1 + Int64(index) * 1_000_000) }
        for index in 0..<10 { times.append(times[times.count - 1] + Nanoseconds(index)) }
        times.append(3_155_760_000_000_000_000)
        var log = EventLog()
        for time in times { log.append(Event(time: time, task: 0, kind: .resume)) }
        #expect(log.map(\.time) == times)
        #expect(log.endTime == 3_155_760_000_000_000_000)
    }
}
