extension StringProtocol {
    /// The text with every control character (C0, DEL and C1, which covers ESC and CSI) replaced by
    /// `?`, so that text from an input file can never move the cursor or change the terminal.
    public var sanitizedForTerminal: String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            scalars.append(isControl ? "?" : scalar)
        }
        return String(scalars)
    }
}
