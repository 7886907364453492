extension StringProtocol {
    /// The text with every character that could change a terminal or hide what it shows replaced by
    /// `?`: control characters (C0, DEL and C1, which covers ESC, CSI and OSC), the bidirectional
    /// controls that reorder text (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069),
    /// and the noncharacters U+FFFE and U+FFFF. Text from an input file passes through this before
    /// a terminal or a text export sees it.
    public var sanitizedForTerminal: String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            scalars.append(scalar.isUnsafeForTerminal ? "?" : scalar)
        }
        return String(scalars)
    }
}

extension Unicode.Scalar {
    /// Whether ``StringProtocol/sanitizedForTerminal`` replaces this scalar.
    public var isUnsafeForTerminal: Bool {
        switch value {
        case 0..<0x20, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
