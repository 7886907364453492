import Foundation

/// Splits bytes that arrive in chunks into lines: complete lines are handed on where they lie in
/// the chunk, and only the unfinished end is copied, to wait for the rest of it.
struct LineBuffer {
    /// The bytes after the last line feed.
    private(set) var rest: [UInt8] = []

    /// Adds `chunk`, calling `line` with each line it completes (without its line feed). The bytes
    /// handed to `line` are valid only during the call.
    mutating func append(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        func nextNewline() -> Int? {
            memchr(base + start, 0x0A, chunk.count - start).map { $0 - UnsafeMutableRawPointer(mutating: base) }
        }
        if !rest.isEmpty {
            guard let newline = nextNewline() else {
                rest.append(contentsOf: chunk)
                return
            }
            rest.append(contentsOf: chunk[..<newline])
            rest.withUnsafeBytes(line)
            rest.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        while let newline = nextNewline() {
            line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            start = newline + 1
        }
        rest.append(contentsOf: chunk[start...])
    }
}
