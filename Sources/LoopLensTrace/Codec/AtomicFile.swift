import Foundation

/// Writes a file all at once: the text streams through a buffer into a temporary file beside the
/// target, which is renamed into place only when complete, so a failed or interrupted write never
/// leaves a partial file behind, and a large trace is never held in memory as one string.
public struct AtomicFile: TextOutputStream {
    private let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: Error?

    /// Writes the text that `produce` sends to its output stream into the file at `path`.
    public static func write(to path: String, _ produce: (inout AtomicFile) -> Void) throws(FileWriteError) {
        var file = try AtomicFile(path: path)
        produce(&file)
        try file.commit()
    }

    private init(path: String) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        self.path = path
        self.temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else { throw FileWriteError(path: path, reason: "cannot create a file in that folder") }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func commit() throws(FileWriteError) {
        flush()
        try? handle.close()
        if let failure {
            unlink(temporaryPath)
            throw FileWriteError(path: path, reason: failure.localizedDescription)
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FileWriteError(path: path, reason: reason)
        }
    }
}

/// A file could not be written; nothing was left at its path.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// The file that was to be written.
    public var path: String
    /// Why it failed, as the system put it.
    public var reason: String

    public var description: String {
        "\(path.sanitizedForTerminal): error: cannot write the file: \(reason)"
    }
}
