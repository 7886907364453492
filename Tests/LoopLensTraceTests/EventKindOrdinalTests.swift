import Testing

@testable import LoopLensTrace

/// The writer finds a kind's field by its position in `allCases`.
@Suite struct EventKindOrdinalTests {
    @Test func ordinalsArePositionsInAllCases() {
        #expect(EventKind.allCases.map(\.ordinal) == Array(EventKind.allCases.indices))
    }
}
