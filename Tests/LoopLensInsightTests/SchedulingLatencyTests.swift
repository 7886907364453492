import LoopLensTrace
import Testing

/// How long ready tasks wait to run, per run: hand-computed on blocking_the_loop.yaml.
@Suite struct SchedulingLatencyTests {
    /// Concurrently, 11 waits: 5 tasks start at once, ticker's two later timers and main's wake-up
    /// find the loop free (8 × 0 s); ticker's first timer waits 2.50 s for compress, each fetch 2.00 s.
    @Test func waitsForTheLoopWhileItIsBlocked() throws {
        let concurrent = try #require(try trace(of: "blocking_the_loop").runs.first { $0.name == "concurrent" })
        let latency = try #require(RunSummary(concurrent).latency)
        #expect(latency.count == 11 && latency.minimum == 0 && latency.median == 0)
        #expect(latency.p90 == 2 * .perSecond && latency.p99 == 2_500_000_000 && latency.maximum == 2_500_000_000)
        #expect(latency.histogram == [8, 0, 0, 0, 0, 0, 0, 3, 0])
        #expect(
            latency.lines(barWidth: 8) == [
                "waiting to run (ready → running): 11 times, min 0 s, p50 0 s, p90 2.00 s, p99 2.50 s, max 2.50 s",
                "  under 1µs  ████████ 8",
                "     1s–10s  ███ 3",
            ])
        #expect(latency.lines(ascii: true, barWidth: 8)[2] == "     1s-10s  ### 3")
    }

    @Test func percentilesAreNearestRank() throws {
        let latency = try #require(SchedulingLatency(waits: (1...100).map { Nanoseconds($0) * .perMillisecond }.shuffled()))
        #expect(latency.median == 50 * .perMillisecond && latency.p90 == 90 * .perMillisecond && latency.p99 == 99 * .perMillisecond)
        #expect(latency.histogram == [0, 0, 0, 0, 9, 90, 1, 0, 0], "1–9 ms, 10–99 ms, 100 ms")
        #expect(SchedulingLatency(waits: []) == nil)
        #expect(SchedulingLatency(waits: [0, 0])?.lines() == ["waiting to run (ready → running): 2 times, every one 0 s"])
    }
}
