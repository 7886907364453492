import LoopLensTrace
import Testing

/// Writing and reading `.jsonl` traces.
@Suite struct TraceCodecTests {
    static func sampleTrace() -> Trace {
        var run = Run(name: "concurrent", scenario: "Sample \"quoted\"\nline", about: "what to see")
        run.tasks.add(id: 0, name: "main", parent: nil)
        run.tasks.add(id: 7, name: "weird \u{1B}[31mname\t✓", parent: 0)
        let events: [Event] = [
            Event(time: 0, task: 0, kind: .spawn),
            Event(time: 0, task: 0, kind: .resume),
            Event(time: 0, task: 1, kind: .spawn),
            Event(time: 0, task: 0, kind: .suspend, detail: .wait(on: .gather, what: "weird")),
            Event(time: 0, task: 1, kind: .resume),
            Event(time: 5, task: 1, kind: .print, detail: .text("héllo \"world\" \\ \u{7}")),
            Event(time: 5, task: 1, kind: .suspend, detail: .wait(on: .lock, what: "db")),
            Event(time: 1_000_000_000_000, task: 1, kind: .ready, detail: .wake(by: "lock db")),
            Event(time: 1_000_000_000_000, task: 1, kind: .resume),
            Event(time: 1_000_000_000_001, task: 1, kind: .finish, detail: .outcome(.error, error: "boom")),
            Event(time: 1_000_000_000_002, task: 0, kind: .deadlock, detail: .wait(on: .task, what: "x")),
        ]
        for event in events { run.events.append(event) }
        var second = Run(name: "sequential", scenario: "Sample", clock: "monotonic")
        second.origin = 4_330_458_065_098
        second.tasks.add(id: 0, name: "main", parent: nil)
        second.events.append(Event(time: 0, task: 0, kind: .spawn))
        second.events.append(Event(time: 3, task: 0, kind: .block, detail: .wait(on: .io, what: "disk")))
        second.events.append(Event(time: 9, task: 0, kind: .unblock))
        second.events.append(Event(time: 9, task: 0, kind: .finish, detail: .outcome(.cancelled, error: nil)))
        return Trace(runs: [run, second])
    }

    func read(_ text: String) -> TraceReadResult {
        var reader = TraceReader(file: "t.jsonl")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            reader.read(line: Array(line.utf8))
        }
        return reader.finish()
    }

    @Test func roundTripKeepsEveryEventAndName() {
        let trace = Self.sampleTrace()
        let text = TraceWriter.encode(trace)
        let result = read(text)
        #expect(result.problems.isEmpty)
        #expect(result.trace.runs.count == 2)
        for (original, decoded) in zip(trace.runs, result.trace.runs) {
            #expect(decoded.name == original.name)
            #expect(decoded.scenario == original.scenario)
            #expect(decoded.clock == original.clock)
            #expect(decoded.about == original.about)
            #expect(decoded.origin == original.origin)
            #expect(Array(decoded.events) == Array(original.events))
            #expect(Array(decoded.tasks) == Array(original.tasks))
        }
        #expect(TraceWriter.encode(result.trace) == text)
    }

    @Test func writerEscapesControlCharacters() {
        let text = TraceWriter.encode(Self.sampleTrace())
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains(#""name":"weird \u001b[31mname\t✓""#))
        #expect(text.split(separator: "\n").count == 17)
    }

    @Test func unknownFieldsAreIgnoredAndUnknownKindsWarnedOnce() {
        let result = read(
            """
            {"looplens":1,"run":"r","extra":{"nested":[1,2,{"a":"]"}]},"flag":true}
            {"t":0,"run":"r","task":1,"ev":"spawn","name":"a","colour":"red","weight":1.5e3}
            {"t":1,"run":"r","task":1,"ev":"teleport"}
            {"t":2,"run":"r","task":1,"ev":"teleport"}
            {"t":3,"run":"r","task":1,"ev":"finish","result":"ok","note":null}
            """)
        #expect(result.problems.isEmpty)
        #expect(result.trace.runs[0].events.map(\.kind) == [.spawn, .finish])
        #expect(
            result.warnings.map(\.description) == [
                "t.jsonl:3:1: warning: unknown event kind 'teleport' skipped (2 lines); a newer looplens may know it"
            ])
    }

    @Test func malformedLinesNameLineAndColumnAndReadingGoesOn() {
        let result = read(
            """
            {"looplens":1,"run":"r"}
            {"t":0,"run":"r","task":1,"ev":"spawn","name":"a}
            {"t":"soon","run":"r","task":1,"ev":"resume"}
            {"t":5,"run":"r","task":1,"ev":"resume"}
            {"t":4,"run":"r","task":1,"ev":"finish"}
            {"t":6,"run":"nope","task":1,"ev":"finish"}
            {"t":7,"run":"r","task":1,"ev":"finish","result":"maybe"}
            {"t":8,"run":"r","task":1,"ev":"finish"} trailing
            """)
        let located = result.problems.map { "\($0.line):\($0.column)" }
        #expect(located == ["2:47", "3:2", "5:2", "6:8", "7:41", "8:42"])
        #expect(result.problems[0].message.contains("not closed"))
        #expect(result.problems[1].message == "\"t\" must be an integer")
        #expect(result.problems[2].message.contains("time goes backwards"))
        #expect(result.problems[3].message.contains("run 'nope' has no header"))
        #expect(result.problems[4].message.contains("ok, error or cancelled"))
        #expect(result.trace.runs[0].events.count == 1, "the one good event line is kept")
    }

    @Test func headersAreChecked() {
        #expect(read(#"{"t":0,"task":1,"ev":"resume"}"#).problems.first?.message.contains("header") == true)
        #expect(read(#"{"looplens":2,"run":"r"}"#).problems.first?.message.contains("version 2 is not supported") == true)
        #expect(read("").problems.first?.message.contains("holds no trace") == true)
        let twice = read("{\"looplens\":1,\"run\":\"r\"}\n{\"looplens\":1,\"run\":\"r\"}")
        #expect(twice.problems.map(\.line) == [2])
    }

    @Test func problemsAreCappedWithACount() {
        let lines = ["{\"looplens\":1,\"run\":\"r\"}"] + Array(repeating: "not json", count: 60)
        let result = read(lines.joined(separator: "\n"))
        #expect(result.problems.count == TraceReader.maximumProblems + 1)
        #expect(result.problems.last?.message == "10 more problems were not listed")
    }

    @Test func sanitisingRemovesEscapeSequences() {
        #expect("a\u{1B}[2Jb\u{9B}c\u{7}d✓".sanitizedForTerminal == "a?[2Jb?c?d✓")
        let error = InputError(file: "f", line: 1, column: 2, message: "bad \u{1B}]0;title\u{7}")
        #expect(error.description == "f:1:2: error: bad ?]0;title?")
    }
}
