import ArgumentParser
import Foundation
import LoopLensSimulation
import LoopLensTimeline
import LoopLensTUI
import LoopLensTrace

/// `looplens [FILE]`: the interactive timeline of a scenario or a trace.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the interactive timeline (the default command).",
        discussion: """
            Without FILE it shows the built-in scenario: three 2-second downloads, sequential and concurrent. \
            When standard output is not a terminal, it prints the text export instead.
            """
    )

    @Argument(help: "A scenario (.yaml) or a trace (.jsonl); default: the built-in downloads scenario.")
    var file: String?

    @OptionGroup var display: DisplayOptions
    @OptionGroup var changes: ScenarioChangeOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        let trace: Trace
        if let file {
            trace = try InputFile.loadTrace(file, limits: limits.limits, overrides: changes.overrides)
        } else {
            let scenario = try ScenarioLoader.parse(
                BuiltInScenarios.downloads, file: BuiltInScenarios.downloadsName, overrides: changes.overrides)
            trace = try InputFile.simulate(scenario, from: BuiltInScenarios.downloadsName, limits: limits.limits)
        }
        try display.show(trace, from: file ?? BuiltInScenarios.downloadsName, replay: false)
    }
}

/// `looplens replay TRACE`: the timeline with playback running from t = 0.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a recorded trace (or a scenario) in the timeline, playing from the start."
    )

    @Argument(help: "A trace (.jsonl) or a scenario (.yaml).")
    var file: String

    @Flag(help: "Follow a trace that another process is still writing (looplens_asyncio.py --live), as it grows.")
    var follow = false

    @OptionGroup var display: DisplayOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        guard follow else {
            try display.show(try InputFile.loadTrace(file, limits: limits.limits), from: file, replay: true)
            return
        }
        try LiveTrace.requireTerminal(for: "--follow", "shows the trace as it grows")
        guard let source = try LiveTrace.open(file, writtenBy: nil) else { return }
        let outcome = source.show(ascii: display.ascii)
        try source.finish()
        if case .terminated(let signal) = outcome { throw ExitCode(128 + signal) }
    }
}

/// Options shared by the commands that open the timeline.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw with 7-bit ASCII only.")
    var ascii = false

    /// Shows `trace` (read from `file`) in the TUI, or prints the export when there is no
    /// terminal. A TUI ended by a signal exits with 128 + its number, as shells expect.
    func show(_ trace: Trace, from file: String, replay: Bool) throws {
        switch TUIApp.run(trace, replay: replay, ascii: ascii, color: Terminal.allowsColor) {
        case .quit:
            return
        case .terminated(let signal):
            throw ExitCode(128 + signal)
        case .noTerminal:
            let viewport = Viewport(width: min(Terminal.width ?? 100, ExportCommand.maximumWidth), glyphs: ascii ? .ascii : .unicode)
            try ExportCommand.checkLanes(of: trace, in: viewport, limit: ExportCommand.standardMaximumLanes, file: file)
            let grid = TimelineLayout.grid(for: trace, in: viewport)
            print(TextRenderer.render(grid), terminator: "")
        }
    }
}
