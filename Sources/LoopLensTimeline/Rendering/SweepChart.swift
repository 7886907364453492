import LoopLensTrace

/// The total time of each execution of a scenario as one of its settings takes several values
/// (`looplens sweep`), as a table and as a chart of time against the value, in text or SVG.
public struct SweepChart: Sendable, Hashable {
    /// The setting swept, as given: `tasks.fetch{i}.count`.
    public var key: String
    /// Its values, in the order given.
    public var values: [String]
    /// Per execution, its total time at each value.
    public var series: [Series]

    /// One execution's total times.
    public struct Series: Sendable, Hashable {
        public var name: String
        /// The total time at each value, in the order of ``SweepChart/values``.
        public var totals: [Nanoseconds]

        public init(name: String, totals: [Nanoseconds]) {
            self.name = name
            self.totals = totals
        }
    }

    public init(key: String, values: [String], series: [Series]) {
        self.key = key
        self.values = values
        self.series = series
    }

    private var names: [String] { series.map(\.name) }
    private var totals: [[Nanoseconds]] { series.map(\.totals) }

    /// Where value `index` sits on the x axis, from 0 to 1: by the numbers when every value is a
    /// number (or a duration), else evenly.
    func position(of index: Int) -> Double {
        let numbers = values.map { Double($0) ?? (try? DurationParser.parse($0)).map(Double.init) }
        if numbers.allSatisfy({ $0 != nil }), let low = numbers.compactMap({ $0 }).min(), let high = numbers.compactMap({ $0 }).max(),
            high > low
        {
            return (numbers[index]! - low) / (high - low)
        }
        return values.count > 1 ? Double(index) / Double(values.count - 1) : 0
    }

    /// The largest total, the top of the chart.
    var largest: Nanoseconds { max(totals.flatMap { $0 }.max() ?? 1, 1) }

    /// A column per execution, a row per value.
    public func table(ascii: Bool = false) -> String {
        let header = [key] + names
        let rows = values.indices.map { row in [values[row]] + totals.map { $0[row].formatted(.summary, ascii: ascii) } }
        let widths = header.indices.map { column in ([header] + rows).map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.indices.map { column in String(repeating: " ", count: widths[column] - DisplayWidth.of(row[column])) + row[column] }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// A plot `width` × `height` characters: time up, the value across, each execution drawn with
    /// the first letter of its name (a digit when two names share one) and its points joined by dots.
    public func text(width: Int = 64, height: Int = 16, ascii: Bool = false) -> String {
        let marks = Self.marks(for: names)
        var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        func cell(_ x: Double, _ time: Double) -> (row: Int, column: Int) {
            (height - 1 - Int((time / Double(largest) * Double(height - 1)).rounded()), Int((x * Double(width - 1)).rounded()))
        }
        for (series, mark) in zip(totals, marks) {
            for index in values.indices.dropFirst() {
                let (from, to) = (
                    cell(position(of: index - 1), Double(series[index - 1])), cell(position(of: index), Double(series[index]))
                )
                let steps = max(abs(to.column - from.column), abs(to.row - from.row), 1)
                for step in 1..<steps {
                    let row = from.row + (to.row - from.row) * step / steps
                    let column = from.column + (to.column - from.column) * step / steps
                    if grid[row][column] == " " { grid[row][column] = "." }
                }
            }
            for index in values.indices {
                let point = cell(position(of: index), Double(series[index]))
                grid[point.row][point.column] = mark
            }
        }
        let top = largest.formatted(.summary, ascii: ascii)
        let gutter = max(DisplayWidth.of(top), 3)
        let (vertical, corner, horizontal) = ascii ? ("|", "+", "-") : ("│", "└", "─")
        var lines = grid.enumerated().map { row, cells in
            let label = row == 0 ? top : (row == height - 1 ? "0 s" : "")
            return (String(repeating: " ", count: gutter - DisplayWidth.of(label)) + label + " " + vertical + String(cells))
                .trimmingTrailingSpaces()
        }
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(repeating: horizontal, count: width))
        // The value labels under their points, left to right, where they fit.
        var labels = [Character](repeating: " ", count: width + gutter + 2)
        var free = 0
        for index in values.indices {
            let label = Array(values[index])
            let start = min(max(gutter + 2 + cell(position(of: index), 0).column - label.count / 2, free), labels.count - label.count)
            guard start >= free, start >= 0 else { continue }
            labels.replaceSubrange(start..<start + label.count, with: label)
            free = start + label.count + 1
        }
        lines.append(String(labels).trimmingTrailingSpaces())
        lines.append(String(repeating: " ", count: gutter + 2) + key)
        lines.append(zip(marks, names).map { "\($0) \($1)" }.joined(separator: "   "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same chart as an SVG picture: axes, a polyline per execution, a legend.
    public func svg() -> String {
        let (width, height, left, bottom, top, right) = (640, 400, 80, 60, 20, 150)
        let colors = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2"]
        func x(_ index: Int) -> Int { left + Int(position(of: index) * Double(width - left - right)) }
        func y(_ time: Nanoseconds) -> Int { height - bottom - Int(Double(time) / Double(largest) * Double(height - bottom - top)) }
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <g class="axes" stroke="#555555">
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)"/>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)"/>
            </g>
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end">\(SVGRenderer.escaped(largest.formatted(.summary)))</text>
            <text x="\(left - 6)" y="\(height - bottom + 4)" text-anchor="end">0 s</text>

            """
        for index in values.indices {
            svg +=
                "<text x=\"\(x(index))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(SVGRenderer.escaped(values[index]))</text>\n"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 16)\" text-anchor=\"middle\">\(SVGRenderer.escaped(key))</text>\n"
        for (number, (name, series)) in zip(names, totals).enumerated() {
            let color = colors[number % colors.count]
            let points = values.indices.map { "\(x($0)),\(y(series[$0]))" }.joined(separator: " ")
            svg += "<g class=\"series\" data-name=\"\(SVGRenderer.escaped(name))\">"
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            svg += values.indices.map { "<circle cx=\"\(x($0))\" cy=\"\(y(series[$0]))\" r=\"3\" fill=\"\(color)\"/>" }.joined()
            svg +=
                "<text x=\"\(width - right + 12)\" y=\"\(top + 16 * (number + 1))\" fill=\"\(color)\">\(SVGRenderer.escaped(name))</text></g>\n"
        }
        return svg + "</svg>\n"
    }

    /// The first letter of each name, or a digit when another name has the same first letter.
    static func marks(for names: [String]) -> [Character] {
        let firsts = names.map { $0.first ?? "?" }
        return firsts.enumerated().map { index, first in
            firsts.filter { $0 == first }.count == 1 && first.isASCII ? first : String(index + 1).last!
        }
    }
}
