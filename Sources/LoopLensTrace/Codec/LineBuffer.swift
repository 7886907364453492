/// Splits bytes that arrive in chunks into lines: complete lines are handed on as they appear, and
/// the unfinished end is kept until the rest of it arrives.
struct LineBuffer {
    /// The bytes after the last line feed.
    private(set) var rest: [UInt8] = []

    /// Adds `chunk`, calling `line` with each line it completes (without its line feed).
    mutating func append(_ chunk: some Collection<UInt8>, line: (ArraySlice<UInt8>) -> Void) {
        rest.append(contentsOf: chunk)
        var lineStart = 0
        while let newline = rest[lineStart...].firstIndex(of: 0x0A) {
            line(rest[lineStart..<newline])
            lineStart = newline + 1
        }
        rest.removeFirst(lineStart)
    }
}
