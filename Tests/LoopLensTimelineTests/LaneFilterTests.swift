import PropertyBased
import Testing

@testable import LoopLensTimeline

/// `--lanes` patterns: substrings, and globs matched without exponential backtracking.
@Suite struct LaneFilterTests {
    /// The textbook recursive glob, exponential in the number of stars: the reference for small cases.
    static func referenceGlob(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        if first == "*" {
            return (name.startIndex...name.endIndex).contains { referenceGlob(pattern.dropFirst(), name[$0...]) }
        }
        guard let head = name.first, first == "?" || first == head else { return false }
        return referenceGlob(pattern.dropFirst(), name.dropFirst())
    }

    @Test func globsAgreeWithTheRecursiveDefinition() async {
        let letters = Gen.element(of: ["a", "b", "*", "?"])
        let names = Gen.element(of: ["a", "b"])
        await propertyCheck(count: 2_000, input: letters.array(of: 0...8), names.array(of: 0...10)) { pattern, name in
            let pattern = pattern.compactMap { $0 }.joined(), name = name.compactMap { $0 }.joined()
            #expect(
                LaneFilter(pattern).matches(name)
                    == (pattern.contains { $0 == "*" || $0 == "?" }
                        ? Self.referenceGlob(Array(pattern)[...], Array(name)[...]) : pattern.isEmpty || name.contains(pattern)),
                "pattern \(pattern), name \(name)")
        }
    }

    @Test func fiftyStarsAgainstALongNameThatNearlyMatches() {
        // The recursive matcher tries every way of splitting the name among the stars: this case
        // does not finish in a lifetime. The matcher takes at most 101 × 500 steps.
        let pattern = String(repeating: "a*", count: 50) + "b"
        #expect(!LaneFilter(pattern).matches(String(repeating: "a", count: 500)))
        #expect(LaneFilter(pattern).matches(String(repeating: "a", count: 500) + "b"))
    }

    @Test func matchingIgnoresCase() {
        #expect(LaneFilter("GET_*S").matches("get_orders"))
        #expect(LaneFilter("Fetch").matches("prefetch_all"))
        #expect(!LaneFilter("fetch?").matches("fetch"))
    }
}
