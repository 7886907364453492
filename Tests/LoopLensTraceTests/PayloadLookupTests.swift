import Testing

@testable import LoopLensTrace

/// A complete log drops the table that finds equal payloads; appending afterwards still works,
/// storing a payload again.
@Suite struct PayloadLookupTests {
    @Test func appendingAfterForgettingTheLookupKeepsEveryEvent() {
        var log = EventLog()
        let wait = EventDetail.wait(on: .io, what: "GET /")
        log.append(Event(time: 0, task: 0, kind: .suspend, detail: wait))
        log.forgetPayloadLookup()
        log.append(Event(time: 1, task: 0, kind: .suspend, detail: wait))
        log.append(Event(time: 2, task: 0, kind: .print, detail: .text("x")))
        #expect(Array(log).map(\.detail) == [wait, wait, .text("x")])
        #expect(log.payloadNumber(at: 0) != log.payloadNumber(at: 1), "stored again, not found")
    }
}
