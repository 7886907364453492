import Foundation

extension TraceReader {
    /// Reads a whole trace file, calling `progress` with the bytes read so far and the file's size
    /// (0 when unknown, as for a FIFO) as it goes.
    ///
    /// - Throws: ``InputErrors`` when the file cannot be read at all; problems in its lines are
    ///   in the result.
    public static func read(file path: String, progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)? = nil) throws -> TraceReadResult {
        try read(ReadableFile(path: path), progress: progress)
    }

    /// Reads the rest of an opened file (see ``read(file:progress:)``).
    ///
    /// Two threads share the work: one reads the file in chunks of whole lines and scans each
    /// line, the calling one takes the scanned lines in, in file order.
    public static func read(_ file: ReadableFile, progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)? = nil) throws
        -> TraceReadResult
    {
        let source = UncheckedSendable(file)
        let chunks = Handoff<ScannedChunks.Message>(capacity: 4)
        Thread { ScannedChunks.produce(from: { buffer throws(InputErrors) in try source.value.read(into: buffer) }, to: chunks.put) }
            .start()
        var reader = TraceReader(file: file.name)
        while true {
            let message = chunks.take()
            if try reader.take(message) { return reader.finish() }
            if case .chunk(_, let bytesRead) = message { progress?(bytesRead, file.size ?? 0) }
        }
    }

    /// Reads a whole trace held in memory, as ``read(file:progress:)`` reads a file; `file` names
    /// it in messages. Lines are scanned in the same chunks, on the calling thread.
    public static func read(contentsOf bytes: some Collection<UInt8>, file: String) -> TraceReadResult {
        let bytes = Array(bytes)
        var offset = 0
        var reader = TraceReader(file: file)
        ScannedChunks.produce(
            from: { buffer in
                let count = min(buffer.count, bytes.count - offset)
                bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
                offset += count
                return count
            },
            // Reading memory does not fail.
            to: { _ = try? reader.take($0) })
        return reader.finish()
    }

    /// Takes in what reading the file in chunks produced; returns whether it was the end.
    private mutating func take(_ message: ScannedChunks.Message) throws(InputErrors) -> Bool {
        switch message {
        case .chunk(let chunk, _):
            for index in chunk.lines.indices { apply(chunk.lines[index]) }
            return false
        case .end(let unterminatedLastLine):
            if !unterminatedLastLine.isEmpty { read(unterminatedLastLine: unterminatedLastLine) }
            return true
        case .failure(let error):
            throw error
        }
    }
}

/// A chunk of whole lines of a trace and what scanning each line found. It owns the bytes the
/// scanned text lies in, so the lines stay valid while the chunk is alive.
final class ScannedChunk: @unchecked Sendable {
    // `@unchecked Sendable`: filled by one thread, then handed to another and only read.
    private let bytes: UnsafeMutableRawBufferPointer
    private let scratch: UnsafeMutableRawBufferPointer
    private(set) var lines: [ScannedLine] = []

    /// Takes ownership of `bytes`, whose first `count` bytes end with a line feed, and scans them.
    init(owning bytes: UnsafeMutableRawBufferPointer, count: Int) {
        self.bytes = bytes
        scratch = .allocate(byteCount: count, alignment: 1)
        let whole = UnsafeRawBufferPointer(rebasing: bytes[..<count])
        // Counted first, so that the scanned lines are written once, not moved as the array grows.
        var lineCount = 0
        forEachLine(in: whole) { _ in lineCount += 1 }
        lines.reserveCapacity(lineCount)
        forEachLine(in: whole) { line in
            lines.append(
                ScannedLine(
                    scanning: UnsafeRawBufferPointer(rebasing: whole[line]),
                    scratch: UnsafeMutableRawBufferPointer(rebasing: scratch[line])))
        }
    }

    deinit {
        bytes.deallocate()
        scratch.deallocate()
    }
}

/// Reading a trace in chunks of whole lines, each scanned as it is read.
enum ScannedChunks {
    enum Message: Sendable {
        /// The next chunk, and how many bytes of the file have been read.
        case chunk(ScannedChunk, bytesRead: Int)
        /// The end of the file, with what followed its last line feed.
        case end(unterminatedLastLine: [UInt8])
        case failure(InputErrors)
    }

    /// How many bytes are read at a time: enough to make the hand-over cheap, little enough that the
    /// chunks waiting in a ``Handoff`` cost a few megabytes.
    static let chunkSize = 1 << 16

    /// Reads with `read` (which fills a buffer and returns the count, 0 at the end) until the end,
    /// sending each chunk of whole lines, then the end or the failure, to `send`.
    static func produce(
        from read: (UnsafeMutableRawBufferPointer) throws(InputErrors) -> Int, to send: (Message) -> Void
    ) {
        var bytesRead = 0
        // The bytes after the last line feed of the previous chunk, which start the next.
        var carried: [UInt8] = []
        while true {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: carried.count + chunkSize, alignment: 1)
            buffer.copyMemory(from: UnsafeRawBufferPointer(start: carried, count: carried.count))
            let count: Int
            do {
                count = try read(UnsafeMutableRawBufferPointer(rebasing: buffer[carried.count...]))
            } catch {
                buffer.deallocate()
                return send(.failure(error))
            }
            guard count > 0 else {
                buffer.deallocate()
                return send(.end(unterminatedLastLine: carried))
            }
            bytesRead += count
            let filled = carried.count + count
            guard let lastLineFeed = buffer[..<filled].lastIndex(of: 0x0A) else {
                carried = Array(UnsafeRawBufferPointer(rebasing: buffer[..<filled]))
                buffer.deallocate()
                continue
            }
            let lines = lastLineFeed + 1
            carried = Array(UnsafeRawBufferPointer(rebasing: buffer[lines..<filled]))
            send(.chunk(ScannedChunk(owning: buffer, count: lines), bytesRead: bytesRead))
        }
    }

}

/// Calls `body` with the range of each line of `bytes` that ends in a line feed (without it), and
/// returns where the bytes after the last line feed begin.
@discardableResult
func forEachLine(in bytes: UnsafeRawBufferPointer, _ body: (Range<Int>) -> Void) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var start = 0
    while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
        let end = found - UnsafeMutableRawPointer(mutating: base)
        body(start..<end)
        start = end + 1
    }
    return start
}
