import LoopLensTrace

/// The characters a timeline is drawn with: Unicode block elements, or pure 7-bit ASCII.
public struct Glyphs: Sendable, Hashable {
    public var running: Character
    /// Ran in turns with ready time between, within one cell.
    public var runningAndReady: Character
    public var ready: Character
    public var waiting: Character
    /// Waiting on the critical path: heavier, so that the path shows without colour.
    public var criticalWaiting: Character
    public var printMark: Character
    public var failed: Character
    public var cancelled: Character
    public var deadlocked: Character
    public var cut: Character
    public var rulerLine: Character
    public var rulerTick: Character
    public var ellipsis: String
    public var times: String
    public var middleDot: String
    /// Whether every glyph is 7-bit ASCII, so that text from the trace must be made ASCII too.
    public var isASCII: Bool

    public static let unicode = Glyphs(
        running: "█", runningAndReady: "▓", ready: "▒", waiting: "─", criticalWaiting: "━", printMark: "•", failed: "✗", cancelled: "⊘",
        deadlocked: "‼",
        cut: "»",
        rulerLine: "─",
        rulerTick: "┬", ellipsis: "…", times: "×", middleDot: "·", isASCII: false)

    public static let ascii = Glyphs(
        running: "#", runningAndReady: "%", ready: "+", waiting: "-", criticalWaiting: "=", printMark: "*", failed: "X", cancelled: "C",
        deadlocked: "!",
        cut: ">",
        rulerLine: "-",
        rulerTick: "+", ellipsis: "~", times: "x", middleDot: "-", isASCII: true)

    /// The glyph for a state or mark style.
    public func character(for style: CellStyle) -> Character {
        switch style {
        case .running: running
        case .runningAndReady: runningAndReady
        case .ready: ready
        case .waiting: waiting
        case .printMark: printMark
        case .failed: failed
        case .cancelled: cancelled
        case .deadlocked: deadlocked
        case .cut: cut
        default: " "
        }
    }

    /// Text from a trace made safe to draw: control characters become `?`, and with ASCII glyphs
    /// every non-ASCII character does too.
    public func displayable(_ text: String) -> String {
        let safe = text.sanitizedForTerminal
        guard isASCII else { return safe }
        return String(safe.map { $0.isASCII ? $0 : "?" })
    }
}
