import Benchmark
import Foundation
import LoopLensSimulation
import LoopLensTUI
import LoopLensTimeline
import LoopLensTrace
import SyntheticWorkloads

/// The pipeline's stages on synthetic workloads: reading a trace, simulating a scenario, laying out
/// one frame, drawing the TUI's screen for a key press, and exporting a whole timeline.
///
/// Run with `swift package --package-path Benchmarks benchmark --target Pipeline` (release build).
/// Figures and what they mean: docs/performance.md.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    let trace = SyntheticTrace.make(events: 1_000_000, tasks: 5_000)
    let bytes = Array(TraceWriter.encode(trace).utf8)

    Benchmark("load: 1 M-event trace from memory") { _ in
        blackHole(TraceReader.read(contentsOf: bytes, file: "synthetic.jsonl"))
    }

    Benchmark("write: 1 M-event trace as JSONL") { _ in
        blackHole(TraceWriter.encode(trace))
    }

    let scenario = try! ScenarioLoader.parse(SyntheticScenario.scraper(fetches: 20_000), file: "scraper.yaml")
    Benchmark("simulate: scraper, 20 000 fetches") { _ in
        blackHole(try Simulator.trace(of: scenario))
    }

    // What the TUI draws for a key press on a 160 × 50 terminal: 45 lanes of a 10 ms window.
    let prepared = PreparedTrace(trace)
    var frame = Viewport(window: 400_000_000...410_000_000, width: 160)
    frame.laneRanges = ["concurrent": 2_000..<2_045]
    Benchmark("layout: one 160 × 45-lane frame of a 1 M-event trace", configuration: .init(timeUnits: .microseconds)) { _ in
        blackHole(TimelineLayout.grid(for: prepared, in: frame))
    }

    // A key press in the TUI, without the terminal: the playhead moves a column and the whole
    // screen (lanes, ruler, footer) is drawn again. Flat: the same on 10 000 events as on 1 M.
    for (label, frameTrace) in [("10 k", SyntheticTrace.make(events: 10_000, tasks: 50)), ("1 M", trace)] {
        var state = TUIState(trace: frameTrace, width: 160, height: 50)
        Benchmark("frame: a key press on a \(label)-event trace, 160 × 50", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                state.handle(.character("l"))
                blackHole(ScreenBuilder.screen(for: state))
            }
        }
    }

    Benchmark("export: 1 M-event trace, 5 000 lanes, 100 columns") { _ in
        blackHole(TextRenderer.render(TimelineLayout.grid(for: trace, in: Viewport(width: 100)), color: false))
    }
}
