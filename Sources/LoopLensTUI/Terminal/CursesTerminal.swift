import CNcursesw
import Glibc
import LoopLensTimeline

/// The curses layer: sets the terminal up and restores it, copies a ``Screen`` out, and decodes
/// keys into ``Key``s. Nothing else happens here.
final class CursesTerminal {
    private let screen: OpaquePointer
    private let usesColor: Bool
    /// Where keys are read: standard input, or `/dev/tty` when standard input is not the terminal.
    private let input: UnsafeMutablePointer<FILE>

    /// Whether the locale's character set is UTF-8 (checked after `setlocale`).
    let isUTF8: Bool

    /// Starts curses on the process's terminal, or returns nil if there is none. When standard
    /// input is not the terminal (the trace came through a pipe: `… | looplens -`), keys are read
    /// from `/dev/tty`, as `less` does.
    init?(color: Bool) {
        setlocale(LC_ALL, "")
        isUTF8 = looplens_locale_is_utf8() != 0
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        guard let input = isatty(STDIN_FILENO) != 0 ? fdopen(dup(STDIN_FILENO), "r") : fopen("/dev/tty", "r") else { return nil }
        guard let screen = looplens_new_terminal(input) else {
            fclose(input)
            return nil
        }
        self.input = input
        self.screen = screen
        raw()
        noecho()
        nonl()
        keypad(looplens_standard_screen(), true)
        curs_set(0)
        set_escdelay(25)
        mousemask(looplens_mouse_all(), nil)
        mouseinterval(0)
        usesColor = color && has_colors()
        if usesColor {
            start_color()
            use_default_colors()
            for style in CellStyle.allCases {
                init_pair(Int16(style.rawValue) + 1, Self.foreground(of: style), -1)
            }
        }
    }

    func stop() {
        endwin()
        delscreen(screen)
        fclose(input)
    }

    var width: Int { Int(looplens_columns()) }
    var height: Int { Int(looplens_lines()) }

    func draw(_ content: Screen) {
        erase()
        for (row, cells) in content.rows.enumerated() where row < height {
            var column = 0
            while column < cells.count {
                let first = cells[column]
                var text = ""
                var end = column
                while end < cells.count, cells[end].cell.style == first.cell.style, cells[end].attributes == first.attributes {
                    if let character = cells[end].cell.character { text.append(character) }
                    end += 1
                }
                attrset(Int32(truncatingIfNeeded: attributes(for: first)))
                mvaddstr(Int32(row), Int32(column), text)
                column = end
            }
        }
        attrset(0)
        refresh()
    }

    /// Waits up to `milliseconds` for a key; nil when none came.
    func readKey(timeout milliseconds: Int32) -> Key? {
        timeout(milliseconds)
        var value: wint_t = 0
        let result = get_wch(&value)
        if result == KEY_CODE_YES { return functionKey(Int32(value)) }
        guard result == OK else { return nil }
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default: return Unicode.Scalar(UInt32(value)).map { .character(Character($0)) }
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE: return .resize(width: width, height: height)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & looplens_mouse_wheel_up() != 0 { return .wheelUp }
            if event.bstate & looplens_mouse_wheel_down() != 0 { return .wheelDown }
            if event.bstate & looplens_mouse_click() != 0 { return .click(column: Int(event.x), row: Int(event.y)) }
            return nil
        default: return nil
        }
    }

    private func attributes(for cell: ScreenCell) -> attr_t {
        var value: attr_t = 0
        if usesColor { value |= attr_t(looplens_color_pair(Int16(cell.cell.style.rawValue) + 1)) }
        if cell.cell.style == .heading || cell.cell.style == .runTitle { value |= looplens_attribute_bold() }
        if cell.attributes.contains(.reverse) { value |= looplens_attribute_reverse() }
        if cell.attributes.contains(.bold) { value |= looplens_attribute_bold() }
        if cell.attributes.contains(.dim) { value |= looplens_attribute_dim() }
        if cell.attributes.contains(.underline) { value |= looplens_attribute_underline() }
        return value
    }

    private static func foreground(of style: CellStyle) -> Int16 {
        switch style {
        case .running, .runningAndReady: Int16(COLOR_GREEN)
        case .ready, .cut: Int16(COLOR_YELLOW)
        case .waiting: Int16(COLOR_BLUE)
        case .failed, .deadlocked: Int16(COLOR_RED)
        case .cancelled: Int16(COLOR_MAGENTA)
        case .runTitle: Int16(COLOR_CYAN)
        case .plain, .heading, .label, .printMark, .ruler: -1
        }
    }
}
