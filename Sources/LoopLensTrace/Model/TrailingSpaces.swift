extension String {
    /// The text without the spaces at its end: how tables and charts end their lines.
    package func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
