import Foundation

/// Reads a trace file that another process is still writing (`looplens replay --follow`,
/// `looplens trace --live`): each ``poll()`` reads what was appended since the last one, and a
/// line not yet complete is waited for, never reported as a problem.
///
/// A writer that holds an exclusive `flock` on the file while it writes (the Python tracer's
/// `--live` does, until its program ends) tells the follower when the trace is complete: from
/// then on ``isBeingWritten`` is false. The file is still polled for growth either way.
public struct TraceFollower {
    /// The file followed, as given.
    public let path: String
    private let descriptor: Int32
    private var reader: TraceReader
    private var lines = LineBuffer()
    /// Whether a writer still holds its lock on the file.
    public private(set) var isBeingWritten = true
    /// Whether a writer held its lock when the file was first polled or since.
    public private(set) var hadWriter = false

    /// Opens `path` for following.
    ///
    /// - Throws: ``InputErrors`` when the file cannot be opened.
    public init(file path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputErrors([
                InputError(file: path, line: 1, column: 1, message: "cannot open the file; check that it exists and is readable")
            ])
        }
        self.path = path
        self.descriptor = descriptor
        reader = TraceReader(file: path)
    }

    /// Closes the file.
    public func close() {
        Glibc.close(descriptor)
    }

    /// Reads what was appended since the last poll. Returns whether any complete line was read.
    public mutating func poll() -> Bool {
        // Checked before reading, so that everything a finished writer wrote is read below.
        if isBeingWritten {
            if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
                flock(descriptor, LOCK_UN)
                isBeingWritten = false
            } else {
                hadWriter = true
            }
        }
        var readLines = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            chunk.withUnsafeBytes { bytes in
                lines.append(UnsafeRawBufferPointer(rebasing: bytes[..<count])) { line in
                    reader.read(line: line)
                    readLines = true
                }
            }
        }
        return readLines
    }

    /// The trace as read so far. While it is being written, each run that gives its clock's
    /// origin lasts until `now` (a ``MonotonicClock`` reading). A file whose writer takes no lock
    /// may still grow, so its runs count as recorded up to their last event, not as cut short.
    public func trace(now: Nanoseconds) -> Trace {
        var trace = reader.trace
        guard isBeingWritten || !hadWriter else { return trace }
        for index in trace.runs.indices {
            let run = trace.runs[index]
            trace.runs[index].recordedUntil =
                if isBeingWritten, let origin = run.origin { max(now - origin, 0) } else { run.events.endTime }
        }
        return trace
    }

    /// The malformed lines found so far.
    public var problems: [InputError] { reader.problemsSoFar }

    /// Whether a header has been read yet.
    public var hasRuns: Bool { !reader.trace.runs.isEmpty }
}
