import LoopLensTimeline

/// Extra ways a cell is drawn in the TUI, on top of its style.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let reverse = CellAttributes(rawValue: 1)
    public static let bold = CellAttributes(rawValue: 2)
    public static let dim = CellAttributes(rawValue: 4)
    public static let underline = CellAttributes(rawValue: 8)
}

/// One cell of the terminal screen.
public struct ScreenCell: Sendable, Hashable {
    public var cell: Cell
    public var attributes: CellAttributes = []
}

/// The whole terminal screen, row by row: what the curses layer copies out.
public struct Screen: Sendable {
    public let width: Int
    public let height: Int
    public var rows: [[ScreenCell]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        rows = Array(repeating: Array(repeating: ScreenCell(cell: .blank), count: width), count: height)
    }

    /// The screen as plain text, trailing spaces removed: for tests and goldens.
    public var text: String {
        rows.map { row in
            var line = String(row.compactMap(\.cell.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// Writes `text` at a row from a column, clipped to the screen.
    mutating func put(_ text: String, row: Int, column: Int, style: CellStyle = .plain, attributes: CellAttributes = []) {
        guard rows.indices.contains(row) else { return }
        var position = column
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            guard characterWidth > 0 else { continue }
            guard position >= 0, position + characterWidth <= width else { break }
            rows[row][position] = ScreenCell(cell: Cell(character, style), attributes: attributes)
            if characterWidth == 2 { rows[row][position + 1] = ScreenCell(cell: Cell(nil, style), attributes: attributes) }
            position += characterWidth
        }
    }

    /// Copies a grid row's cells to a screen row from a column.
    mutating func copy(_ cells: [Cell], row: Int, column: Int) {
        guard rows.indices.contains(row) else { return }
        for (offset, cell) in cells.enumerated() where column + offset < width {
            rows[row][column + offset] = ScreenCell(cell: cell)
        }
    }

    /// Adds attributes to a range of cells of a row.
    mutating func add(_ attributes: CellAttributes, row: Int, columns: Range<Int>) {
        guard rows.indices.contains(row) else { return }
        for column in columns.clamped(to: 0..<width) { rows[row][column].attributes.formUnion(attributes) }
    }
}
