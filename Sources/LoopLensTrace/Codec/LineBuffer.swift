/// Splits bytes that arrive in chunks into lines: complete lines are handed on where they lie in
/// the chunk, and only the unfinished end is copied, to wait for the rest of it.
struct LineBuffer {
    /// The bytes after the last line feed.
    private(set) var rest: [UInt8] = []

    /// Adds `chunk`, calling `line` with each line it completes (without its line feed). The bytes
    /// handed to `line` are valid only during the call.
    mutating func append(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        if !rest.isEmpty {
            guard let newline = chunk.firstIndex(of: 0x0A) else {
                rest.append(contentsOf: chunk)
                return
            }
            rest.append(contentsOf: chunk[..<newline])
            rest.withUnsafeBytes(line)
            rest.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        let remaining = UnsafeRawBufferPointer(rebasing: chunk[start...])
        let unfinished = forEachLine(in: remaining) { line(UnsafeRawBufferPointer(rebasing: remaining[$0])) }
        rest.append(contentsOf: remaining[unfinished...])
    }
}
