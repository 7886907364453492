import Foundation
import LoopLensTrace
import Testing

/// What a trace reader loads with a warning: the file is usable, but something was set aside.
@Suite struct TraceWarningTests {
    /// Reads `text` as the whole file `t.jsonl`, through the same path as a file on disk, so that
    /// a last line without a line terminator counts as possibly cut.
    func read(_ text: String) throws -> (result: TraceReadResult, warnings: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-warnings-\(UUID()).jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try TraceReader.read(file: path)
        return (result, result.warnings.map { $0.description.replacingOccurrences(of: path, with: "t.jsonl") })
    }

    static let header = #"{"looplens":1,"run":"r"}"#

    @Test func aLastLineCutMidWayIsSetAsideAndTheTasksItLeftUnfinishedAreNamed() throws {
        let (result, warnings) = try read(
            """
            \(Self.header)
            {"t":0,"task":1,"ev":"spawn","name":"main"}
            {"t":5,"task":1,"ev":"resume"}
            {"t":9,"task":1,"ev":"suspend","on":"sleep
            """)
        #expect(result.problems.isEmpty)
        #expect(
            warnings == [
                "t.jsonl:3:1: warning: run 'r' ends here with 1 task unfinished ('main'): the recording stopped before it finished (the program was killed, or ended leaving it pending), so it is drawn to the run's last event and marked as cut",
                "t.jsonl:4:37: warning: the trace ends in the middle of this line (the string that starts here is not closed with '\"'), as when the traced program is killed; it is read up to the line before",
            ])
        let timeline = try #require(result.trace.runs.first?.taskTimelines().first)
        #expect(timeline.ending == nil)
        #expect(timeline.end == 5)
    }

    @Test func aWholeLastLineWithoutANewlineIsRead() throws {
        let (result, warnings) = try read("\(Self.header)\n{\"t\":0,\"task\":1,\"ev\":\"spawn\"}\n{\"t\":2,\"task\":1,\"ev\":\"finish\"}")
        #expect(result.problems.isEmpty && result.warnings.isEmpty)
        #expect(result.trace.runs[0].events.count == 2)
    }

    @Test func aBadLineInTheMiddleIsStillAnError() throws {
        let (result, warnings) = try read("\(Self.header)\n{\"t\":0,\"task\":1,\"ev\":\"spa\n{\"t\":2,\"task\":1,\"ev\":\"finish\"}\n")
        #expect(result.problems.map(\.line) == [2])
    }

    @Test func aTaskSpawnedTwiceAndEventsAfterAFinishAreNamedWithTheirLines() throws {
        let (result, warnings) = try read(
            """
            \(Self.header)
            {"t":0,"task":1,"ev":"spawn","name":"a"}
            {"t":1,"task":1,"ev":"spawn","name":"b"}
            {"t":2,"task":1,"ev":"finish"}
            {"t":3,"task":1,"ev":"resume"}

            """)
        #expect(
            warnings == [
                "t.jsonl:3:8: warning: task 1 is spawned a second time; both tasks are drawn on one lane, so give each task its own id",
                "t.jsonl:5:8: warning: task 1 ('b') has a 'resume' event after it finished; the event is left out",
            ])
        #expect(result.trace.runs[0].events.map(\.kind) == [.spawn, .spawn, .finish])
    }

    @Test func warningsAreCappedWithACount() throws {
        var lines = [Self.header, #"{"t":0,"task":1,"ev":"spawn"}"#, #"{"t":0,"task":1,"ev":"finish"}"#]
        lines += Array(repeating: #"{"t":1,"task":1,"ev":"print","text":"late"}"#, count: 70)
        let (result, warnings) = try read(lines.joined(separator: "\n") + "\n")
        #expect(result.warnings.count == TraceReader.maximumProblems + 1)
        #expect(warnings.last == "t.jsonl:53:1: warning: 20 more warnings were not listed")
    }

    @Test func aHundredThousandUnknownKindsAreCountedEachOnce() throws {
        var lines = [Self.header]
        for index in 0..<100_000 { lines.append(#"{"t":1,"task":1,"ev":"kind\#(index)"}"#) }
        let (result, warnings) = try read(lines.joined(separator: "\n") + "\n")
        #expect(result.warnings.count == TraceReader.maximumProblems + 1)
        #expect(warnings.first == "t.jsonl:2:1: warning: unknown event kind 'kind0' skipped (1 line); a newer looplens may know it")
        #expect(result.warnings.last?.message == "99950 more warnings were not listed")
    }
}
