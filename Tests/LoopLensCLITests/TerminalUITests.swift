import Foundation
import LoopLensTestSupport
import LoopLensTrace
import Testing

/// A tmux server of the test's own, running a shell in a terminal of a given size.
struct TmuxSession {
    /// Where tmux is looked for: PATH, then the usual folders.
    static let searched =
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/tmux" }
        + ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
    static let executable = searched.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// tmux was not found: the terminal tests fail with where they looked, rather than pass unrun.
    struct Missing: Error, CustomStringConvertible {
        var description: String { "tmux is not installed (apt-get install tmux); searched \(TmuxSession.searched)" }
    }

    let socket = "looplens-test-\(UUID().uuidString.prefix(8))"
    let executable: String

    init(width: Int, height: Int) throws {
        guard let executable = Self.executable else { throw Missing() }
        self.executable = executable
        let start = [
            "-L", socket, "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "test",
            "env LANG=C.UTF-8 TERM=xterm-256color PS1='$ ' bash --norc --noprofile",
        ]
        guard spawnDaemon(executable, start) == 0 else { throw CocoaError(.executableLoad) }
    }

    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        let result = try run(["-L", socket] + arguments, executable: URL(fileURLWithPath: executable))
        return result.stdout
    }

    func type(_ text: String) throws { try tmux("send-keys", "-t", "test", "-l", text) }
    func press(_ keys: String...) throws { for key in keys { try tmux("send-keys", "-t", "test", key) } }
    func screen() throws -> String { try tmux("capture-pane", "-p", "-t", "test") }
    func resize(width: Int, height: Int) throws { try tmux("resize-window", "-t", "test", "-x", "\(width)", "-y", "\(height)") }
    func kill() { _ = try? tmux("kill-server") }
    /// Opens the TUI on `say_hello.yaml` from the shell, sends it SIG`signal` once it shows, and
    /// waits for the shell to report exit status `status`.
    func signalTheTUI(_ signal: String, expecting status: Int) throws {
        try type("clear; \(looplensBinary.path) Scenarios/say_hello.yaml; echo \"status=$?\"")
        try press("Enter")
        try waitForScreen("the timeline") { $0.contains("Awaiting in series") }
        let shell = try tmux("display-message", "-p", "-t", "test", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run(
            ["-\(signal)", "-P", shell, "-f", "looplens Scenarios/say_hello.yaml"], executable: URL(fileURLWithPath: "/usr/bin/pkill"))
        try waitForScreen("the shell after SIG\(signal)") { $0.contains("status=\(status)") }
    }

    func alternateScreenIsOn() throws -> Bool {
        try tmux("display-message", "-p", "-t", "test", "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Waits (up to 15 s) until the screen satisfies `condition`, and returns it.
    @discardableResult
    func waitForScreen(_ what: String, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(15)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        return last
    }
}

/// The TUI in a real terminal: tmux runs the built binary, `send-keys` types, `capture-pane` reads.
@Suite(.serialized)
struct TerminalUITests {
    @Test func tmuxWasFound() {
        #expect(TmuxSession.executable != nil, "\(TmuxSession.Missing())")
    }

    @Test func theBuiltInScenarioRespondsToKeysAndRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 120, height: 40)
        defer { session.kill() }
        try session.type("\(looplensBinary.path); echo \"exit=$?\"")
        try session.press("Enter")
        let first = try session.waitForScreen("the timeline") { $0.contains("sequential · 6.00 s") }
        #expect(first.contains("sequential 6.00 s · concurrent 2.00 s (3.00×)"))
        #expect(first.contains("concurrent · 2.00 s · 3.00× faster than sequential"))
        #expect(first.split(separator: "\n").filter { $0.hasPrefix("  page") }.count == 6, "six lanes")
        #expect(first.contains("sequential @ 0 s"))

        try session.press("]")
        try session.waitForScreen("the next event at 2 s") { $0.contains("sequential @ 2.00 s") }
        try session.press("]")
        try session.waitForScreen("the next event at 4 s") { $0.contains("sequential @ 4.00 s") }
        try session.press("[")
        try session.waitForScreen("the previous event at 2 s") { $0.contains("sequential @ 2.00 s") }

        try session.press("?")
        try session.waitForScreen("the help") { $0.contains("─ Keys ─") && $0.contains("filter lanes by name") }
        try session.press("Escape", "j", "Enter")
        let details = try session.waitForScreen("the details of page1") { $0.contains("─ Task ─") }
        #expect(details.contains("page1 in sequential"))
        #expect(details.contains("parent:   main"))
        #expect(details.contains("suspend on io GET /page1") || details.contains("block on io GET /page1"))
        try session.press("Escape")

        try session.resize(width: 30, height: 8)
        try session.waitForScreen("the too-small message") { $0.contains("Too small: need 50x12") }
        try session.resize(width: 120, height: 40)
        try session.waitForScreen("the timeline again") { $0.contains("concurrent · 2.00 s") }

        try session.press("q")
        try session.waitForScreen("the shell after exit 0") { $0.contains("exit=0") }
        #expect(
            try session.tmux("display-message", "-p", "-t", "test", "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines)
                == "0")
        try session.type("echo usable-$((40+2))")
        try session.press("Enter")
        try session.waitForScreen("a usable prompt") { $0.contains("usable-42") }
    }

    @Test func ctrlCAndSigtermRestoreTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.kill() }
        try session.type("\(looplensBinary.path) replay Scenarios/downloads.yaml; echo \"exit=$?\"")
        try session.press("Enter")
        try session.waitForScreen("playback") { $0.contains("playing 1×") }
        try session.press("C-c")
        try session.waitForScreen("the shell after Ctrl-C") { $0.contains("exit=0") }

        try session.signalTheTUI("TERM", expecting: 143)
        #expect(try session.alternateScreenIsOn() == false)
        try session.signalTheTUI("HUP", expecting: 129)
        #expect(try session.alternateScreenIsOn() == false)
    }

    @Test func aScenarioPipedInOpensTheTimelineWhichReadsKeysFromTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.kill() }
        try session.type("cat Scenarios/downloads.yaml | \(looplensBinary.path) -; echo \"exit=$?\"")
        try session.press("Enter")
        try session.waitForScreen("the timeline") { $0.contains("sequential · 6.00 s") }
        #expect(try session.alternateScreenIsOn())
        try session.press("q")
        try session.waitForScreen("the shell") { $0.contains("exit=0") }
    }

    @Test func aLongSimulationShowsItsProgressOnStderrAndClearsIt() throws {
        let scenario = try temporaryDirectory().appendingPathComponent("long.yaml")
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Scenarios/scraper.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "count: 20\n", with: "count: 40000\n").write(to: scenario, atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 120, height: 20)
        defer { session.kill() }
        try session.type("\(looplensBinary.path) run \(scenario.path) > /dev/null; echo \"done=$?\"")
        try session.press("Enter")
        let during = try session.waitForScreen("the progress line") { $0.contains("simulating \(scenario.path): ") }
        #expect(during.contains(" events, ") && during.contains(" simulated"))
        let after = try session.waitForScreen("the end of the run") { $0.contains("done=0") }
        #expect(!after.contains("simulating"), "the progress line is cleared at the end")
    }

    @Test func aLongLoadShowsAProgressBarOnStderrAndClearsIt() throws {
        let trace = try temporaryDirectory().appendingPathComponent("long.jsonl")
        var run = Run(name: "concurrent", scenario: "long")
        run.tasks.add(id: 0, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        for time in 0..<100_000 { run.events.append(Event(time: Nanoseconds(time), task: 0, kind: .resume)) }
        try TraceWriter.encode(Trace(runs: [run])).write(to: trace, atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 120, height: 20)
        defer { session.kill() }
        try session.type("\(looplensBinary.path) validate \(trace.path) > /dev/null; echo \"done=$?\"")
        try session.press("Enter")
        let during = try session.waitForScreen("the progress bar") { $0.contains("loading \(trace.path) [") }
        #expect(during.contains("%") && during.contains(" MB") && (during.contains("█") || during.contains("░")))
        let after = try session.waitForScreen("the end of the load") { $0.contains("done=0") }
        #expect(!after.contains("loading"), "the bar is cleared at the end")
    }

    @Test func aLongLoadFromAPipeCountsTheMegabytesRead() throws {
        let session = try TmuxSession(width: 120, height: 20)
        defer { session.kill() }
        let header = #"{"looplens":1,"run":"r"}"#
        let event = #"{"t":0,"run":"r","task":0,"ev":"spawn"}"#
        // The second line comes after a second, past the half second before progress shows.
        try session.type(
            "(echo '\(header)'; sleep 1; echo '\(event)'; sleep 3) | \(looplensBinary.path) validate - > /dev/null; echo \"done=$?\"")
        try session.press("Enter")
        let during = try session.waitForScreen("the byte count") { $0.contains("loading <stdin>: 0.0 MB read") }
        #expect(!during.contains("\ndone="))
        let after = try session.waitForScreen("the end of the load") { $0.contains("\ndone=0") }
        #expect(!after.contains("loading"), "the count is cleared at the end")
    }

    @Test func afterSIGKILLTheDocumentedCommandRecoversTheTerminal() throws {
        let recovery = "stty sane; tput rmcup"
        let guide = try String(contentsOf: packageRoot.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        #expect(guide.contains("```sh\n\(recovery)\n```"), "the guide gives the recovery command")
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.kill() }
        try session.signalTheTUI("KILL", expecting: 137)
        #expect(try session.alternateScreenIsOn() == true, "SIGKILL left the TUI's screen")
        try session.type("\(recovery); echo \"recovered=$?\"")
        try session.press("Enter")
        try session.waitForScreen("the recovered shell") { $0.contains("recovered=0") }
        #expect(try session.alternateScreenIsOn() == false)
        try session.type("echo typed")
        try session.waitForScreen("echo restored") { $0.contains("echo typed") }
    }

    @Test func escapeSequencesInTaskNamesAreShownSanitised() throws {
        let directory = try temporaryDirectory()
        let trace = directory.appendingPathComponent("evil.jsonl")
        let lines = [
            #"{"looplens":1,"run":"real","scenario":"evil trace","clock":"monotonic"}"#,
            #"{"t":0,"run":"real","task":1,"ev":"spawn","name":"bad\u001b[2J\u001b[31mname"}"#,
            #"{"t":0,"run":"real","task":1,"ev":"resume"}"#,
            #"{"t":1000,"run":"real","task":1,"ev":"finish"}"#,
        ]
        try lines.joined(separator: "\n").write(to: trace, atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 100, height: 30)
        defer { session.kill() }
        try session.type("\(looplensBinary.path) \(trace.path)")
        try session.press("Enter")
        let screen = try session.waitForScreen("the trace") { $0.contains("evil trace") }
        #expect(screen.contains("bad?[2J?[31mname"))
        try session.press("q")
    }
}
