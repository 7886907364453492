import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import LoopLensTimeline
import LoopLensTrace
import Testing

/// The sweep's table and chart, from totals worked out by hand with the simulator's rules for the
/// scraper (N fetches of a 500 ms download and 20 ms of parsing): sequentially N × 520 ms; on one
/// loop the downloads overlap and only the parsing queues, 500 ms + N × 20 ms.
@Suite struct SweepChartTests {
    static let fetches = [1, 10, 50, 100, 500]
    static let chart = SweepChart(
        key: "tasks.fetch{i}.count", values: fetches.map(String.init),
        series: [
            .init(name: "sequential", totals: fetches.map { Nanoseconds($0) * 520 * .perMillisecond }),
            .init(name: "concurrent", totals: fetches.map { (500 + Nanoseconds($0) * 20) * .perMillisecond }),
        ])

    @Test func tableAndChartAsText() throws {
        try GoldenTests().check(Self.chart.table() + "\n" + Self.chart.text(), against: "sweep-scraper.txt")
        try GoldenTests().check(Self.chart.table(ascii: true) + "\n" + Self.chart.text(ascii: true), against: "sweep-scraper.ascii.txt")
        #expect(Self.chart.text(ascii: true).utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
    }

    /// Numbers (and durations) are placed by value, anything else evenly.
    @Test func valuesArePlacedByNumberWhenTheyAreNumbers() {
        #expect(Self.chart.text().contains("\n          1 10 50    100"))
        let named = SweepChart(key: "compare", values: ["a", "b", "c"], series: [.init(name: "x", totals: [1, 2, 3])])
        #expect(named.text(width: 21).contains("\n      a         b         c"))
    }

    @Test func svgHasAPolylinePerExecutionAndEscapesText() throws {
        var chart = Self.chart
        chart.key = "a<b & c"
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("a&lt;b &amp; c") && !svg.contains("a<b"))
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "well-formed XML")
    }

    @Test func executionsSharingAFirstLetterAreNumbered() {
        let chart = SweepChart(
            key: "k", values: ["1", "2"],
            series: ["threads", "tasks", "concurrent"].map { SweepChart.Series(name: $0, totals: [1, 2]) })
        #expect(chart.text().hasSuffix("\n1 threads   2 tasks   c concurrent\n"))
    }
}
