/// A problem with an input file, located at a line and column (both counted from 1).
///
/// Its description is the conventional `file:line:column: error: message` (or `warning:`), which
/// editors and terminals make clickable.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An error refuses the file; a warning lets it load and says what was set aside.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var file: String
    public var line: Int
    public var column: Int
    /// One sentence: what is wrong and what to change.
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public var description: String {
        "\(file.sanitizedForTerminal):\(line):\(column): \(severity.rawValue): \(message.sanitizedForTerminal)"
    }

    /// The same problem as an error (`validate --strict` refuses what it would only warn about).
    public var asError: InputError {
        var error = self
        error.severity = .error
        return error
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
