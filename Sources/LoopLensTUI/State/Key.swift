/// A key press or terminal event, decoded from curses so that key handling is testable without one.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backspace
    /// Ctrl-C (the terminal is in raw mode, so it arrives as a key).
    case interrupt
    /// The terminal now has this size.
    case resize(width: Int, height: Int)
    /// A mouse click at a screen cell.
    case click(column: Int, row: Int)
    case wheelUp, wheelDown
}
