import Foundation
import FoundationXML
import LoopLensTestSupport
import Testing

/// Text from a file (names, prints, errors, run names, the file name itself, input quoted in an
/// error) never reaches a terminal or a text export as control characters, escape sequences or
/// bidirectional overrides, and never makes an SVG invalid XML.
@Suite(.serialized) struct TerminalSafetyTests {
    /// OSC (retitles the terminal), CSI (clears it), C1 CSI, a bidi override, XML's forbidden
    /// noncharacters, NUL, DEL and a lone surrogate, as JSON escapes.
    static let hostile = #"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\ufffe\uffff\u0000\u007f\ud800"#

    static let trace =
        [
            #"{"looplens":1,"run":"r\#(hostile)","scenario":"s\#(hostile)","about":"a\#(hostile)"}"#,
            #"{"t":0,"run":"r\#(hostile)","task":1,"ev":"spawn","name":"main\#(hostile)"}"#,
            #"{"t":0,"run":"r\#(hostile)","task":2,"ev":"spawn","name":"child\#(hostile)","parent":1}"#,
            #"{"t":0,"run":"r\#(hostile)","task":1,"ev":"resume"}"#,
            #"{"t":1000,"run":"r\#(hostile)","task":1,"ev":"print","text":"p\#(hostile)"}"#,
            #"{"t":2000,"run":"r\#(hostile)","task":1,"ev":"suspend","on":"io","what":"w\#(hostile)"}"#,
            #"{"t":2000,"run":"r\#(hostile)","task":2,"ev":"resume"}"#,
            #"{"t":3000,"run":"r\#(hostile)","task":2,"ev":"k\#(hostile)"}"#,
            #"{"t":4000,"run":"r\#(hostile)","task":2,"ev":"finish","result":"error","error":"e\#(hostile)"}"#,
            #"{"t":4000,"run":"r\#(hostile)","task":1,"ev":"ready","by":"b\#(hostile)"}"#,
        ].joined(separator: "\n") + "\n"

    /// The hostile scalars that must not appear in `text`: C0 (but the line feed), DEL, C1, bidi
    /// controls, U+FFFE and U+FFFF. With `allowingColor`, ESC is allowed as the start of an SGR
    /// colour sequence (`ESC [ digits ; m`).
    func expectSafe(_ text: String, _ context: String, allowingColor: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        var plain = text
        if allowingColor { plain = plain.replacingOccurrences(of: #"\x1B\[[0-9;]*m"#, with: "", options: .regularExpression) }
        let bad = plain.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: true
            default: false
            }
        }
        #expect(bad.isEmpty, "\(context): \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    func hostileTrace() throws -> URL {
        let file = try temporaryDirectory().appendingPathComponent("hostile.jsonl")
        try Self.trace.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func everyCommandLineOutputIsSanitised() throws {
        let file = try hostileTrace()
        let validate = try looplens("validate", file.path)
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("warning: unknown event kind 'k?]0;pwned??[2J?31m?evil???"), "\(validate.stderr)")
        expectSafe(validate.stdout + validate.stderr, "validate")

        for arguments in [["--width", "120"], ["--width", "120", "--ascii"], ["--width", "120", "--color", "always"]] {
            let export = try run(["export", file.path] + arguments)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("pwned"), "the text is shown, made harmless")
            expectSafe(export.stdout + export.stderr, "export \(arguments)", allowingColor: arguments.contains("always"))
        }

        let unknownRun = try looplens("export", file.path, "--runs", "nope\u{1B}]0;pwned\u{7}\u{202E}")
        #expect(unknownRun.status == 2)
        expectSafe(unknownRun.stdout + unknownRun.stderr, "an unknown --runs name quoted back")

        let badLine = try temporaryDirectory().appendingPathComponent("bad\u{1B}]0;pwned\u{7}\u{202E}.jsonl")
        try (Self.trace + #"{"t":5000,"run":"r\#(Self.hostile)","task":1,"ev":"finish","result":"\#(Self.hostile)"}"# + "\n").write(
            to: badLine, atomically: true, encoding: .utf8)
        let refused = try looplens("validate", badLine.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\"result\" must be ok, error or cancelled, not '?]0;pwned??[2J?31m?evil"), "\(refused.stderr)")
        expectSafe(refused.stdout + refused.stderr, "an error naming the file and quoting the line")
    }

    @Test func aScenarioWithHostileNamesIsSafeInTheSummaryAndTheExport() throws {
        let file = try temporaryDirectory().appendingPathComponent("hostile.yaml")
        try #"""
        scenario: "title \e]0;pwned\a \u202E \uFFFE"
        tasks:
          - name: "main \e[2J \x9B31m \u202E \uFFFF"
            steps:
              - print: "said \e]0;pwned\a \u202E"
              - fail: "failed \e[2J \u2066"
        """#.write(to: file, atomically: true, encoding: .utf8)
        let summary = try looplens("run", file.path)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("title ?]0;pwned? ? ?"))
        expectSafe(summary.stdout + summary.stderr, "run")
        let export = try looplens("export", file.path, "--width", "100")
        expectSafe(export.stdout + export.stderr, "export of the scenario")
    }

    @Test func theSVGIsValidXMLAndKeepsTheTextHarmless() throws {
        let file = try hostileTrace()
        let svg = try temporaryDirectory().appendingPathComponent("out.svg")
        let export = try looplens("export", file.path, "--format", "svg", "-o", svg.path)
        #expect(export.status == 0, "\(export.stderr)")
        let data = try Data(contentsOf: svg)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("main?]0;pwned??[2J?31m?evil"), "the name, made harmless")
        expectSafe(text.replacingOccurrences(of: "\n", with: " "), "svg")
    }

    @Test func theTUIDrawsTheNamesHarmlessly() throws {
        let file = try hostileTrace()
        let raw = try temporaryDirectory().appendingPathComponent("raw.bin")
        let session = try TmuxSession(width: 120, height: 30)
        defer { session.kill() }
        // Every byte the program sends to the terminal, escape sequences included.
        try session.tmux("pipe-pane", "-t", "test", "-o", "cat >> \(raw.path)")
        try session.type("\(looplensBinary.path) \(file.path) 2>/dev/null; echo \"exit=$?\"")
        try session.press("Enter")
        try session.waitForScreen("the hostile names") { $0.contains("main?]0;pwned") }
        try session.press("Tab")
        try session.press("q")
        try session.waitForScreen("the shell") { $0.contains("exit=0") }
        let bytes = try Data(contentsOf: raw)
        for (sequence, name) in [
            (Data("\u{1B}]0;pwned".utf8), "OSC"), (Data("\u{202E}".utf8), "a bidi override"), (Data("\u{C2}\u{9B}".utf8), "C1 CSI"),
            (Data("\u{FFFE}".utf8), "U+FFFE"),
        ] {
            #expect(bytes.range(of: sequence) == nil, "the TUI wrote \(name) from the file")
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("pwned"), "the names were drawn")
    }
}
