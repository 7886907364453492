import Foundation

/// An input file opened for reading: a regular file, a FIFO, or standard input (`-`), read as a
/// stream. A folder, a device, a socket, a missing file and one without read permission are each
/// refused with their own message, so that nothing reads forever (a link to `/dev/zero`) or
/// blocks on a terminal.
///
/// Foundation's `FileHandle` neither tells these apart nor lets a caller look at the first bytes
/// of a FIFO and then read it from the start, which deciding a file's format by content needs.
public final class ReadableFile {
    /// The name used in messages: the path as given, or `<stdin>` for `-`.
    public let name: String
    /// The size of a regular file in bytes; `nil` for a FIFO or standard input.
    public let size: Int?
    private let descriptor: Int32
    /// Bytes read ahead by ``peek(upTo:)`` and not yet handed out by ``read(upTo:)``.
    private var pending: [UInt8] = []

    /// The path that means standard input.
    public static let standardInputPath = "-"

    /// Opens `path` (`-` for standard input).
    ///
    /// - Throws: ``InputErrors`` naming the file and what to change.
    public init(path: String) throws(InputErrors) {
        if path == Self.standardInputPath {
            name = "<stdin>"
            descriptor = dup(STDIN_FILENO)
            size = nil
            return
        }
        name = path
        var status = stat()
        // `stat` follows symbolic links, so a link is judged by what it points at.
        guard stat(path, &status) == 0 else { throw Self.error(path, Self.openingMessage(errno)) }
        if let refusal = Self.refusal(of: status.st_mode) { throw Self.error(path, refusal) }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(path, Self.openingMessage(errno)) }
        size = (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
    }

    deinit {
        close(descriptor)
    }

    /// Up to `count` bytes from the start of the file, which later reads return again. With
    /// `firstLineOnly`, it returns as soon as the first line that is not blank is complete, so that
    /// a slow writer on a pipe is not waited for.
    public func peek(upTo count: Int, firstLineOnly: Bool = false) throws(InputErrors) -> [UInt8] {
        func hasFirstLine() -> Bool {
            guard let text = pending.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return false }
            return pending[text...].contains(0x0A)
        }
        while pending.count < count, !(firstLineOnly && hasFirstLine()) {
            let more = try readFromFile(upTo: count - pending.count)
            if more.isEmpty { break }
            pending += more
        }
        return Array(pending.prefix(count))
    }

    /// The next bytes of the file, at most `count`; empty at the end of the file.
    public func read(upTo count: Int) throws(InputErrors) -> [UInt8] {
        guard pending.isEmpty else {
            defer { pending.removeAll() }
            return pending
        }
        return try readFromFile(upTo: count)
    }

    /// Reads the next bytes of the file into `buffer`, returning how many; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputErrors) -> Int {
        guard pending.isEmpty else {
            let count = min(pending.count, buffer.count)
            pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            pending.removeFirst(count)
            return count
        }
        return try readFromFile(into: buffer)
    }

    private func readFromFile(into buffer: UnsafeMutableRawBufferPointer) throws(InputErrors) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            guard errno == EINTR else {
                throw Self.error(name, "reading failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The whole file, refused when it is larger than `limit` bytes (`what` names the file's
    /// kind in that message, such as "a scenario").
    public func readAll(limit: Int, what: String) throws(InputErrors) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try read(upTo: 1 << 20)
            if chunk.isEmpty { return bytes }
            bytes += chunk
            guard bytes.count <= limit else {
                throw Self.error(
                    name, "the file is larger than \(limit >> 20) MB, more than \(what) can sensibly hold; check that it is the right file")
            }
        }
    }

    private func readFromFile(upTo count: Int) throws(InputErrors) -> [UInt8] {
        var failure: InputErrors?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(InputErrors) {
                initialized = try readFromFile(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Why a file of this type is not read, or `nil` for a regular file or a FIFO.
    private static func refusal(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFIFO:
            nil
        case S_IFDIR:
            "this is a folder, not a file; give a scenario (.yaml) or a trace (.jsonl) inside it"
        case S_IFCHR, S_IFBLK:
            "this is a device, not a file; LoopLens reads regular files, FIFOs and standard input ('-')"
        default:
            "this is not a regular file; LoopLens reads regular files, FIFOs and standard input ('-')"
        }
    }

    private static func openingMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file; check the path"
        case ENOTDIR: "no such file: a part of the path is not a folder; check the path"
        case EACCES, EPERM: "permission denied; LoopLens cannot read this file (check its permissions, e.g. chmod a+r)"
        case ELOOP: "the path is a loop of symbolic links; point it at a file"
        default: "cannot open the file: \(String(cString: strerror(code)))"
        }
    }

    private static func error(_ file: String, _ message: String) -> InputErrors {
        InputErrors([InputError(file: file, line: 1, column: 1, message: message)])
    }
}
