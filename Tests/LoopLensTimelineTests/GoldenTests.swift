import Foundation
import LoopLensSimulation
import LoopLensTimeline
import LoopLensTrace
import Testing

/// The text export of every shipped scenario, compared with the files in `Golden/`.
/// Run with `LOOPLENS_UPDATE_GOLDEN=1` to rewrite them after an intended change, and review the diff.
@Suite struct GoldenTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let scenarios: [String] = {
        let folder = packageRoot.appendingPathComponent("Scenarios").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }.sorted()
    }()

    static func trace(of name: String) throws -> Trace {
        try Simulator.trace(of: try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/\(name).yaml").path))
    }

    static func render(_ name: String, _ viewport: Viewport) throws -> String {
        TextRenderer.render(TimelineLayout.grid(for: try trace(of: name), in: viewport))
    }

    func check(_ text: String, against file: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["LOOPLENS_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(file) differs; if the change is intended, rerun with LOOPLENS_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test(arguments: scenarios)
    func unicodeAtWidth80(_ name: String) throws {
        try check(try Self.render(name, Viewport(width: 80)), against: "\(name).txt")
    }

    @Test(arguments: scenarios)
    func asciiAtWidth80(_ name: String) throws {
        try check(try Self.render(name, Viewport(width: 80, glyphs: .ascii)), against: "\(name).ascii.txt")
    }

    @Test func zoomedWindow() throws {
        let window = 900 * Nanoseconds.perMillisecond...3200 * Nanoseconds.perMillisecond
        try check(try Self.render("blocking_the_loop", Viewport(window: window, width: 80)), against: "blocking_the_loop.zoom.txt")
    }

    @Test func downloadsShowsSequentialAfterEachOtherAndConcurrentOverlapping() throws {
        let text = try Self.render("downloads", Viewport(width: 80))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("sequential · 6.00 s"))
        #expect(lines.contains("concurrent · 2.00 s · 3.00× faster than sequential"))
        let pages = lines.filter { $0.hasPrefix("  page") }
        #expect(pages.count == 6, "three lanes per run")
        let starts = pages.map { $0.dropFirst(8).prefix { $0 == " " }.count }
        #expect(starts[0] < starts[1] && starts[1] < starts[2], "sequential lanes one after another")
        #expect(Set(starts[3...]).count == 1, "concurrent lanes overlap")
        let ends = pages.map(\.count)
        #expect(ends[3] < ends[2], "the concurrent block is shorter on the shared scale")
    }

    /// The critical path marked: heavier waiting on the lanes where the path runs, and a row of
    /// its own under each run's lanes; in colour, its cells bold and underlined; in SVG, a red line.
    @Test func criticalPathMarked() throws {
        var viewport = Viewport(width: 80)
        viewport.showsCriticalPath = true
        let prepared = PreparedTrace(try Self.trace(of: "lock_contention")).withCriticalPaths()
        let grid = TimelineLayout.grid(for: prepared, in: viewport)
        try check(TextRenderer.render(grid), against: "lock_contention.critical-path.txt")
        viewport.glyphs = .ascii
        try check(TextRenderer.render(TimelineLayout.grid(for: prepared, in: viewport)), against: "lock_contention.critical-path.ascii.txt")
        #expect(TextRenderer.render(grid, color: true).contains("\u{1B}[1;4m━"))
        let svg = SVGRenderer.render(grid)
        #expect(svg.contains("<g class=\"critical-path\">") && svg.contains("<line class=\"critical\""))
        let rows = grid.rows.filter { if case .criticalPath = $0.kind { true } else { false } }
        #expect(rows.count == 2, "a row per run")
        #expect(
            TimelineLayout.rowsBesideLanes(of: prepared, runs: 2, in: viewport) == grid.rows.count - 8,
            "all but the 8 lanes: the path rows are counted")
    }
}
