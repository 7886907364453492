// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LoopLens",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "looplens", targets: ["looplens"]),
        .library(name: "LoopLensTrace", targets: ["LoopLensTrace"]),
        .library(name: "LoopLensSimulation", targets: ["LoopLensSimulation"]),
        .library(name: "LoopLensInsight", targets: ["LoopLensInsight"]),
        .library(name: "LoopLensTimeline", targets: ["LoopLensTimeline"]),
        .library(name: "LoopLensTUI", targets: ["LoopLensTUI"]),
        .library(name: "LoopLensTracing", targets: ["LoopLensTracing"]),
        .library(name: "LoopLensFuzzing", targets: ["LoopLensFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-algorithms.git", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // The single data model: runs of events, derived task states, the JSONL codec.
        .target(name: "LoopLensTrace"),
        // Findings, from a trace alone: what went wrong in a run, in plain words.
        .target(name: "LoopLensInsight", dependencies: ["LoopLensTrace"]),
        // Scenario files and the deterministic virtual-time scheduler that turns them into traces.
        .target(
            name: "LoopLensSimulation",
            dependencies: [
                "LoopLensTrace",
                .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Records real Swift concurrency programs as traces: a task executor that timestamps jobs.
        .target(
            name: "LoopLensTracing",
            dependencies: ["LoopLensTrace", .product(name: "DequeModule", package: "swift-collections")]
        ),
        // Runs a scenario's program for real on the Swift tracer, to set beside its simulation.
        .target(
            name: "LoopLensRealRun",
            dependencies: [
                "LoopLensSimulation", "LoopLensTrace", "LoopLensTracing",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Traces real Python asyncio programs: the tracer (embedded in the binary by the EmbedText
        // plugin) and how to run a program under it.
        .target(
            name: "LoopLensPython",
            dependencies: ["LoopLensTrace"],
            exclude: ["benchmark.py"],
            plugins: [.plugin(name: "EmbedText")]
        ),
        // Writes a text file as a Swift string constant, for the EmbedText plugin.
        .executableTarget(name: "embed-text"),
        .plugin(name: "EmbedText", capability: .buildTool(), dependencies: ["embed-text"]),
        // The timeline layout (a trace and a viewport in, a grid of cells out) and its renderers.
        .target(
            name: "LoopLensTimeline",
            dependencies: ["LoopLensTrace", .product(name: "Algorithms", package: "swift-algorithms")]
        ),
        // The system ncursesw library, for the terminal UI.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The terminal UI: a state changed by pure key handlers, a screen built from the timeline
        // layout, and a thin curses layer that copies the screen out.
        .target(
            name: "LoopLensTUI",
            dependencies: [
                "LoopLensInsight", "LoopLensTimeline", "LoopLensTrace", "CNcursesw",
                .product(name: "Algorithms", package: "swift-algorithms"),
            ]
        ),
        // The command-line tool.
        .executableTarget(
            name: "looplens",
            dependencies: [
                "LoopLensTrace",
                "LoopLensSimulation",
                "LoopLensInsight",
                "LoopLensTimeline",
                "LoopLensTUI",
                "LoopLensRealRun",
                "LoopLensPython",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the fuzz targets (the package in Fuzz/) do with an input, shared with the tests that
        // replay every input a fuzzer found.
        .target(name: "LoopLensFuzzing", dependencies: ["LoopLensSimulation", "LoopLensTimeline", "LoopLensTrace"]),
        // Helpers shared by the test targets.
        .target(name: "LoopLensTestSupport", dependencies: ["LoopLensSimulation", "LoopLensTrace"], path: "Tests/LoopLensTestSupport"),
        .testTarget(
            name: "LoopLensFuzzRegressionTests",
            dependencies: ["LoopLensFuzzing", "LoopLensTestSupport"],
            exclude: ["Inputs"]
        ),
        .testTarget(
            name: "LoopLensTraceTests",
            dependencies: [
                "LoopLensTestSupport",
                "LoopLensTrace",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LoopLensSimulationTests",
            dependencies: [
                "LoopLensSimulation",
                "LoopLensTestSupport",
                "LoopLensTrace",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LoopLensInsightTests",
            dependencies: ["LoopLensInsight", "LoopLensSimulation", "LoopLensTestSupport", "LoopLensTimeline", "LoopLensTrace"],
            exclude: ["Scenarios"]
        ),
        .testTarget(
            name: "LoopLensTimelineTests",
            dependencies: [
                "LoopLensTimeline",
                "LoopLensSimulation",
                "LoopLensTestSupport",
                "LoopLensTrace",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "LoopLensTUITests",
            dependencies: [
                "LoopLensTUI", "LoopLensInsight", "LoopLensTimeline", "LoopLensSimulation", "LoopLensTestSupport", "LoopLensTrace",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "LoopLensTracingTests",
            dependencies: ["LoopLensTracing", "LoopLensTrace"]
        ),
        .testTarget(
            name: "LoopLensRealRunTests",
            dependencies: ["LoopLensRealRun", "LoopLensSimulation", "LoopLensTestSupport", "LoopLensTrace"]
        ),
        // The simulator against CPython: pairs of a scenario and the asyncio program it stands for.
        .testTarget(
            name: "LoopLensFidelityTests",
            dependencies: ["LoopLensSimulation", "LoopLensTestSupport", "LoopLensTrace"],
            exclude: ["Pairs"]
        ),
        .testTarget(
            name: "LoopLensCLITests",
            dependencies: ["looplens", "LoopLensTestSupport", "LoopLensTrace"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
