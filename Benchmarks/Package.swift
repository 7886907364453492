// swift-tools-version: 6.1
// LoopLens's benchmarks and the generator of synthetic workloads they run on. A package of its
// own, depending on the main one by path, so that `swift build` and `swift test` of LoopLens never
// build package-benchmark and its dependencies. See docs/performance.md.
import PackageDescription

let package = Package(
    name: "LoopLensBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "LoopLens", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Synthetic traces and scenarios of any size, the same for every benchmark and script.
        .target(
            name: "SyntheticWorkloads",
            dependencies: [.product(name: "LoopLensTrace", package: "LoopLens")]
        ),
        // `looplens-generate trace|scenario`: writes a synthetic workload, for Scripts/ and by hand.
        .executableTarget(
            name: "looplens-generate",
            dependencies: [
                "SyntheticWorkloads",
                .product(name: "LoopLensTrace", package: "LoopLens"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Load, simulate, lay out a frame, export: the pipeline's stages on synthetic workloads.
        .executableTarget(
            name: "Pipeline",
            dependencies: [
                "SyntheticWorkloads",
                .product(name: "LoopLensTrace", package: "LoopLens"),
                .product(name: "LoopLensSimulation", package: "LoopLens"),
                .product(name: "LoopLensTimeline", package: "LoopLens"),
                .product(name: "LoopLensTUI", package: "LoopLens"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Pipeline",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // What tracing costs a real Swift concurrency program.
        .executableTarget(
            name: "TracingOverhead",
            dependencies: [
                .product(name: "LoopLensTracing", package: "LoopLens"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Benchmarks/TracingOverhead",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
