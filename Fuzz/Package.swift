// swift-tools-version: 6.1
// libFuzzer targets for LoopLens's parsers. A package of its own, because a fuzz target has no
// `main` (libFuzzer brings it) and so cannot be linked by the main package's plain `swift build`.
// Built and run by `Fuzz/run` (see docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "LoopLensFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "LoopLens", path: "..")],
    targets: [
        // The JSONL trace reader, then what the views derive from a trace.
        .executableTarget(name: "FuzzTraceReader", dependencies: [.product(name: "LoopLensFuzzing", package: "LoopLens")]),
        // The scenario parser; a scenario that parses is simulated, laid out and rendered.
        .executableTarget(name: "FuzzScenario", dependencies: [.product(name: "LoopLensFuzzing", package: "LoopLens")]),
    ]
)
