import LoopLensTrace
import PropertyBased
import Testing

/// The reader decodes strings in place, and those with escapes into a scratch space sized to the
/// line: any text the writer encodes, in every string field at once, reads back the same.
@Suite struct JSONStringPropertyTests {
    /// Characters the writer escapes (quotes, backslashes, controls, DEL), with plain ASCII,
    /// multi-byte and non-BMP ones around them.
    static let characters: [Character] = [
        "a", "Z", " ", "/", "{", "}", ":", ",", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1B}", "\u{7F}",
        "é", "€", "😀", "\u{FFFE}",
    ]

    @Test func everyStringFieldRoundTrips() async {
        let characters = Gen<Character?>.element(of: Self.characters)
        let text = characters.array(of: 0...40).map { String($0.compactMap { $0 }) }
        let long = characters.array(of: 1_000...3_000).map { String($0.compactMap { $0 }) }
        await propertyCheck(count: 200, input: zip(text, text, text, long)) { name, what, by, printed in
            var run = Run(name: name, scenario: what, about: by)
            run.tasks.add(id: 0, name: name, parent: nil)
            run.events.append(Event(time: 0, task: 0, kind: .spawn))
            run.events.append(Event(time: 1, task: 0, kind: .suspend, detail: .wait(on: .io, what: what)))
            run.events.append(Event(time: 2, task: 0, kind: .ready, detail: .wake(by: by)))
            run.events.append(Event(time: 3, task: 0, kind: .print, detail: .text(printed)))
            run.events.append(Event(time: 4, task: 0, kind: .finish, detail: .outcome(.error, error: what + printed + by)))
            let encoded = TraceWriter.encode(Trace(runs: [run]))
            let result = TraceReader.read(contentsOf: Array(encoded.utf8), file: "t.jsonl")
            #expect(result.problems.isEmpty)
            let decoded = try #require(result.trace.runs.first)
            #expect(decoded.name == name && decoded.scenario == what && decoded.about == by)
            #expect(Array(decoded.tasks) == Array(run.tasks))
            #expect(Array(decoded.events) == Array(run.events))
        }
    }

    @Test func escapedFieldNamesAndSurrogatePairsAreDecoded() {
        let text = #"""
            {"looplens":1,"run":"r"}
            {"\u0074":0,"r\u0075n":"\u0072","task":1,"ev":"spawn","name":"\ud83d\ude00 \u00e9\/"}
            {"t":1,"run":"r","task":1,"ev":"finish","result":"error","error":"\ud800 lone"}
            """#
        let result = TraceReader.read(contentsOf: Array(text.utf8), file: "t.jsonl")
        #expect(result.problems.isEmpty)
        #expect(result.trace.runs.first?.tasks.first?.name == "😀 é/")
        #expect(result.trace.runs.first?.events.last?.detail == .outcome(.error, error: "\u{FFFD} lone"))
    }
}
