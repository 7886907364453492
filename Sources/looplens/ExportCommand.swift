import ArgumentParser
import Foundation
import LoopLensInsight
import LoopLensTimeline
import LoopLensTrace

/// `looplens export FILE`: the timeline as text, ASCII or SVG.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the timeline of a scenario (simulated) or a trace, as Unicode text, ASCII or SVG.",
        discussion: """
            The text pastes into a README, a blog post or a CI log; --ascii keeps it to 7-bit ASCII.
            Times for --from and --to are written like 1.5s, 200ms, 20us or 500ns. The text ends \
            with the findings of the runs shown, if any, as `looplens check` says them \
            (--no-findings leaves them out).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, svg
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "A scenario (.yaml) or a trace (.jsonl).")
    var file: String

    @Option(
        help: "Width in columns (\(Viewport.minimumWidth) to \(Self.maximumWidth)); default: the terminal's width, or 100.")
    var width: Int?

    @Flag(help: "Draw with 7-bit ASCII only.")
    var ascii = false

    @Option(help: "Start of the time window.")
    var from: String?

    @Option(help: "End of the time window.")
    var to: String?

    @Option(help: "The runs to show, comma-separated (e.g. sequential,concurrent).")
    var runs: String?

    @Option(help: "Show only lanes whose name contains this text, or matches this glob (* and ?).")
    var lanes: String?

    @Option(help: "Colour the text: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(help: "text or svg.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("max-lanes"), help: "Refuse to draw more lanes than this; choose some with --lanes or --runs.")
    var maximumLanes = Self.standardMaximumLanes

    @Flag(help: "Mark each run's critical path on its lanes (underlined in colour and SVG) and draw it in a row under them.")
    var criticalPath = false

    @Flag(help: "Leave out the findings at the end of the text.")
    var noFindings = false

    @OptionGroup var findingOptions: FindingOptions
    @OptionGroup var changes: ScenarioChangeOptions
    @OptionGroup var limits: LimitOptions

    /// The widest export: wider than any screen or page, and a grid's memory is lanes × width.
    static let maximumWidth = 10_000
    /// The most lanes drawn by default: a page of 10 000 lines is already more than anyone reads.
    static let standardMaximumLanes = 10_000

    func validate() throws {
        if let width, width < Viewport.minimumWidth {
            throw ValidationError(
                "--width must be at least \(Viewport.minimumWidth) columns, so that names and a timeline fit; got \(width)")
        }
        if let width, width > Self.maximumWidth {
            throw ValidationError("--width must be at most \(Self.maximumWidth) columns; got \(width)")
        }
        guard maximumLanes >= 1 else { throw ValidationError("--max-lanes must be at least 1") }
        let start = try from.map { try parse($0, option: "--from") } ?? 0
        if let end = try to.map({ try parse($0, option: "--to") }), end <= start {
            throw ValidationError("--from must be before --to")
        }
    }

    func run() throws {
        let (trace, scenario) = try InputFile.loadTraceAndScenario(file, limits: limits.limits, overrides: changes.overrides)
        let runNames = runs.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        for name in runNames ?? [] where !trace.runs.contains(where: { $0.name == name }) {
            let known = trace.runs.map(\.name.sanitizedForTerminal).joined(separator: ", ")
            throw ValidationError("--runs: no run named '\(name.sanitizedForTerminal)' in \(file.sanitizedForTerminal); it has \(known)")
        }
        var viewport = Viewport(
            window: try timeWindow(endOfTrace: trace.runs.map(\.duration).max() ?? 0), width: width ?? Terminal.width ?? 100,
            runs: runNames,
            lanes: lanes, glyphs: ascii ? .ascii : .unicode)
        try Self.checkLanes(of: trace, in: viewport, limit: maximumLanes, file: file)
        var prepared = PreparedTrace(trace, lanes: viewport.lanes)
        if criticalPath {
            viewport.showsCriticalPath = true
            prepared = prepared.withCriticalPaths()
        }
        // The findings of the runs shown, from the layout's own event indexes.
        let shown = prepared.runs.filter { runNames?.contains($0.run.name) ?? true }
        let findings =
            format == .text && !noFindings
            ? try FindingProofs.proving(
                Checker.findings(
                    in: Trace(runs: shown.map(\.run)), options: try findingOptions.options(ascii: ascii), indexes: shown.map(\.events)),
                of: scenario, trace: trace, from: file, limits: limits.limits, ascii: ascii)
            : nil
        let useColor = color == .always || (color == .auto && output == nil && Terminal.wantsColor)
        // Text is written a row at a time as it is laid out; SVG needs the whole grid first.
        func produce(to stream: inout some TextOutputStream) {
            switch format {
            case .text:
                TimelineLayout.layOut(prepared, in: viewport) { stream.write(TextRenderer.line(for: $0, color: useColor)) }
                if let findings, !findings.isEmpty { stream.write("\n" + FindingReport.text(findings, ascii: ascii)) }
            case .svg:
                stream.write(SVGRenderer.render(TimelineLayout.grid(for: prepared, in: viewport)))
            }
        }
        if let output {
            try AtomicFile.write(to: output) { produce(to: &$0) }
            if output != "-" { FileHandle.standardError.write(Data("looplens: the timeline is in \(output.sanitizedForTerminal)\n".utf8)) }
        } else {
            var standardOutput = StandardOutput()
            produce(to: &standardOutput)
        }
    }

    /// Refuses to lay out more than `limit` lanes: the grid would take lanes × width cells.
    static func checkLanes(of trace: Trace, in viewport: Viewport, limit: Int, file: String) throws {
        let count = TimelineLayout.laneCount(of: trace, in: viewport)
        guard count > limit else { return }
        throw InputErrors([
            InputError(
                file: file, line: 1, column: 1,
                message:
                    "the timeline would have \(count) lanes, more than \(limit); choose some with --lanes PATTERN or --runs, or raise the limit with --max-lanes"
            )
        ])
    }

    /// `--from`/`--to` as a window; a missing `--to` is the end of the trace (or just after
    /// `--from`, if that is later).
    private func timeWindow(endOfTrace: Nanoseconds) throws -> ClosedRange<Nanoseconds>? {
        guard from != nil || to != nil else { return nil }
        let start = try from.map { try parse($0, option: "--from") } ?? 0
        let end = try to.map { try parse($0, option: "--to") } ?? max(endOfTrace, start + 1)
        return start...max(end, start)
    }

    private func parse(_ text: String, option: String) throws -> Nanoseconds {
        do {
            return try DurationParser.parse(text)
        } catch .tooLong {
            throw ValidationError("\(option) '\(text)' is later than \(TimeLimit.description), the longest time LoopLens shows")
        } catch {
            throw ValidationError("\(option) '\(text)' is not a time; write e.g. 1.5s, 200ms, 20us or 500ns")
        }
    }
}
