/// A problem with an input file, located at a line and column (both counted from 1).
///
/// Its description is the conventional `file:line:column: error: message`, which editors and
/// terminals make clickable.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// One sentence: what is wrong and what to change.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): error: \(message.sanitizedForTerminal)"
    }
}

/// Every problem found in one input file, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
