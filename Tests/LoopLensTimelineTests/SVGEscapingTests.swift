import Testing

@testable import LoopLensTimeline

/// Text inside the SVG: markup escaped, XML's forbidden code points dropped, controls shown as `?`.
@Suite struct SVGEscapingTests {
    @Test func markupIsEscapedAndForbiddenCodePointsDropped() {
        #expect(SVGRenderer.escaped("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;")
        #expect(SVGRenderer.escaped("x\u{FFFE}y\u{FFFF}z") == "xyz")
        #expect(SVGRenderer.escaped("\u{1B}]0;t\u{7}\u{202E}\u{9B}\u{0}") == "?]0;t????")
        #expect(SVGRenderer.escaped("résumé ✓ 日本") == "résumé ✓ 日本")
    }
}
