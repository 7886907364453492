/// Draws a grid as an SVG picture for documents and blog posts: the same rows and columns as the
/// text, with state cells as coloured bars and each lane in its own group.
public enum SVGRenderer {
    static let cellWidth = 8
    static let rowHeight = 18
    static let margin = 12

    public static func render(_ grid: Grid) -> String {
        let width = grid.width * cellWidth + 2 * margin
        let height = grid.rows.count * rowHeight + 2 * margin
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="ui-monospace, Menlo, Consolas, monospace" font-size="13">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        for (index, row) in grid.rows.enumerated() {
            let top = margin + index * rowHeight
            var group = ""
            if case .lane(let run, let task) = row.kind {
                group = "<g class=\"lane\" data-run=\"\(run)\" data-task=\"\(task)\">"
            }
            svg += group.isEmpty ? "<g class=\"\(className(of: row.kind))\">" : group
            svg += bars(of: row, top: top) + texts(of: row, top: top) + criticalPathUnderlines(of: row, top: top)
            svg += "</g>\n"
        }
        return svg + "</svg>\n"
    }

    private static func className(of kind: RowKind) -> String {
        switch kind {
        case .heading: "heading"
        case .blank: "blank"
        case .runTitle: "run-title"
        case .lane: "lane"
        case .resource: "resource"
        case .criticalPath: "critical-path"
        case .rulerTicks: "ruler"
        case .rulerLabels: "ruler-labels"
        case .legend: "legend"
        }
    }

    /// A red line under each run of cells on the critical path.
    private static func criticalPathUnderlines(of row: Row, top: Int) -> String {
        var svg = ""
        var column = 0
        while column < row.cells.count {
            guard row.cells[column].isOnCriticalPath else {
                column += 1
                continue
            }
            var end = column + 1
            while end < row.cells.count, row.cells[end].isOnCriticalPath { end += 1 }
            let (x, y) = (margin + column * cellWidth, top + rowHeight - 1)
            svg +=
                "<line class=\"critical\" x1=\"\(x)\" y1=\"\(y)\" x2=\"\(margin + end * cellWidth)\" y2=\"\(y)\" stroke=\"#d32f2f\" stroke-width=\"2\"/>"
            column = end
        }
        return svg
    }

    /// Runs of state cells (running, ready, waiting) as rectangles: full height for running, a
    /// shaded band for ready, a thin line for waiting.
    private static func bars(of row: Row, top: Int) -> String {
        var svg = ""
        var column = 0
        while column < row.cells.count {
            let style = row.cells[column].style
            guard let shape = shape(of: style), row.kind != .legend else {
                column += 1
                continue
            }
            var end = column + 1
            while end < row.cells.count, row.cells[end].style == style { end += 1 }
            let x = margin + column * cellWidth
            let y = top + (rowHeight - shape.height) / 2
            svg +=
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"\((end - column) * cellWidth)\" height=\"\(shape.height)\" fill=\"\(shape.color)\"/>"
            column = end
        }
        return svg
    }

    private static func shape(of style: CellStyle) -> (color: String, height: Int)? {
        switch style {
        case .running: ("#2e9e44", 14)
        case .runningAndReady: ("#8fc75a", 14)
        case .ready: ("#f0b429", 10)
        case .waiting: ("#8aa4c8", 3)
        default: nil
        }
    }

    /// Text and marks, as runs of characters in one style.
    private static func texts(of row: Row, top: Int) -> String {
        let isBar = { (cell: Cell) in row.kind != .legend && shape(of: cell.style) != nil }
        var svg = ""
        var column = 0
        while column < row.cells.count {
            let cell = row.cells[column]
            guard !isBar(cell), cell.character != " " else {
                column += 1
                continue
            }
            var text = ""
            var end = column
            while end < row.cells.count, row.cells[end].style == cell.style, !isBar(row.cells[end]) {
                if let character = row.cells[end].character { text.append(character) }
                end += 1
            }
            while text.last == " " { text.removeLast() }
            let x = margin + column * cellWidth
            svg +=
                "<text x=\"\(x)\" y=\"\(top + rowHeight - 5)\" fill=\"\(color(of: cell.style))\"\(weight(of: cell.style)) xml:space=\"preserve\">\(escaped(text))</text>"
            column = end
        }
        return svg
    }

    private static func color(of style: CellStyle) -> String {
        switch style {
        case .running: "#2e9e44"
        case .runningAndReady: "#6aa53a"
        case .ready: "#c98a00"
        case .waiting: "#5b7bab"
        case .printMark: "#222222"
        case .failed, .deadlocked: "#d32f2f"
        case .cancelled: "#8e44ad"
        case .cut: "#c98a00"
        case .runTitle: "#006b7d"
        case .ruler: "#777777"
        case .plain, .heading, .label: "#222222"
        }
    }

    private static func weight(of style: CellStyle) -> String {
        style == .heading || style == .runTitle || style == .failed ? " font-weight=\"bold\"" : ""
    }

    /// `text` safe inside an XML element: markup characters escaped, the code points XML 1.0
    /// forbids (U+FFFE, U+FFFF) dropped, and what a terminal would not show either replaced by `?`.
    /// (Lone surrogates cannot reach here: a Swift string holds none, and the trace reader reads
    /// an unpaired `\uD800` as U+FFFD.)
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\u{FFFE}", "\u{FFFF}": continue
            case _ where scalar.isUnsafeForTerminal: result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
