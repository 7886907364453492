import LoopLensTestSupport
import PropertyBased
import Testing

@testable import LoopLensTrace

/// ``SpanList`` skips whole groups of spans that ended, through a tree of maxima up to three levels
/// deep here: its answers are those of looking at every span.
@Suite struct SpanListPropertyTests {
    @Test func spansHoldingAPositionAreFoundInStartOrder() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...Int.max)) { seed in
            var generator = SplitMix(seed: seed)
            // A few thousand spans, or more than 64³ = 262 144, which takes the tree to three levels.
            let count = Int(generator.next() % 5_000) + (seed % 3 == 0 ? 262_144 : 0)
            var list = SpanList()
            var spans: [(start: Int32, end: Int32)] = []
            var start: Int32 = 0
            for _ in 0..<count {
                start += Int32(generator.next() % 3)
                // Mostly short spans, some long, some never closed.
                let length: Int32? =
                    switch generator.next() % 10 {
                    case 0: nil
                    case 1: Int32(generator.next() % 1_000_000)
                    default: Int32(1 + generator.next() % 20)
                    }
                let span = list.open(at: start)
                if let length { list.close(span, at: start + length) }
                spans.append((start, length.map { start + $0 } ?? .max))
            }
            list.finish()
            for _ in 0..<10 {
                let position = Int32(generator.next() % UInt64(start + 100))
                let expected = spans.indices.filter { spans[$0].start <= position && position < spans[$0].end }
                var found: [Int] = []
                list.forEachSpan(holding: position) {
                    found.append($0)
                    return true
                }
                #expect(found == expected, "seed \(seed), position \(position)")
                var firstFive: [Int] = []
                list.forEachSpan(holding: position) {
                    firstFive.append($0)
                    return firstFive.count < 5
                }
                #expect(firstFive == Array(expected.prefix(5)), "seed \(seed)")
            }
        }
    }
}
