import Testing

@testable import LoopLensSimulation

/// `{i}` in a counted task's names and texts becomes the copy's number, wherever it stands.
@Suite struct IndexExpansionTests {
    @Test(arguments: [
        ("fetch{i}", "fetch7"), ("{i}", "7"), ("{i}{i}", "77"), ("é{i}é", "é7é"), ("page {i} of {i}!", "page 7 of 7!"),
        ("{", "{"), ("{i", "{i"), ("i}", "i}"), ("{{i}}", "{7}"), ("", ""), ("plain", "plain"),
    ])
    func everyIndexMarkIsReplaced(template: String, expanded: String) {
        #expect(template.expandingIndex(7) == expanded)
    }
}
