import Benchmark
import Foundation
import LoopLensTracing

/// The cost of tracing real Swift concurrency: the same 100 000-task workload, untraced on the
/// default executor, then traced on a serial and a pooled `TracingExecutor`.
///
/// Run with `swift package benchmark --target TracingOverhead` (release build).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    Benchmark("100k tasks, untraced (default executor)") { _ in
        await workload()
    }

    Benchmark("100k tasks, untraced (one thread)") { _ in
        await withTaskExecutorPreference(OneThreadExecutor.shared) { await workload() }
    }

    Benchmark("100k tasks, traced (serial)") { _ in
        blackHole(await LoopLensTracer.run(threads: .serial) { await workload() })
    }

    Benchmark("100k tasks, traced (pool of 2)") { _ in
        blackHole(await LoopLensTracer.run(threads: .pooled(2)) { await workload() })
    }

    Benchmark("100k tasks, traced and written (serial)") { _ in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-benchmark.jsonl").path
        try await LoopLensTracer.record(to: path, threads: .serial) { await workload() }
    }
}

/// 100 000 child tasks, each running a little and suspending once.
@Sendable func workload() async {
    await withDiscardingTaskGroup { group in
        for index in 0..<100_000 {
            group.addTask {
                blackHole(index &* 31)
                await Task.yield()
                blackHole(index &+ 7)
            }
        }
    }
}
