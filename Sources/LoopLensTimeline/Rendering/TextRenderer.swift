/// Draws a grid as lines of text, optionally coloured with ANSI escape sequences.
public enum TextRenderer {
    /// The grid as text: one line per row, trailing spaces removed, each line ending in a newline.
    public static func render(_ grid: Grid, color: Bool = false) -> String {
        grid.rows.map { line(for: $0, color: color) }.joined()
    }

    /// One row as a line of text, trailing spaces removed, ending in a newline.
    /// In colour, cells on the critical path are also bold and underlined.
    public static func line(for row: Row, color: Bool = false) -> String {
        var line = ""
        var current = (style: CellStyle.plain, isOnCriticalPath: false)
        for cell in row.cells {
            guard let character = cell.character else { continue }
            let wanted = (style: cell.style, isOnCriticalPath: cell.isOnCriticalPath)
            if color, wanted != current, character != " " || current != (.plain, false) {
                line += escape(for: cell.style) + (cell.isOnCriticalPath ? "\u{1B}[1;4m" : "")
                current = wanted
            }
            line.append(character)
        }
        if color, current != (.plain, false) { line += escape(for: .plain) }
        while line.last == " " { line.removeLast() }
        return line + "\n"
    }

    /// The SGR sequence that starts drawing in `style` (a reset first, so styles never mix).
    static func escape(for style: CellStyle) -> String {
        let codes: String =
            switch style {
            case .plain, .label: "0"
            case .heading: "0;1"
            case .runTitle: "0;1;36"
            case .running, .runningAndReady: "0;32"
            case .ready: "0;33"
            case .waiting: "0;34"
            case .printMark: "0;1;37"
            case .failed: "0;1;31"
            case .cancelled: "0;35"
            case .deadlocked: "0;1;91"
            case .cut: "0;1;33"
            case .ruler: "0;2"
            }
        return "\u{1B}[\(codes)m"
    }
}
