import Foundation

/// Writes an output file (`-o`) so that nothing is lost and nothing is clobbered.
///
/// A regular file (or a new one) is written to a temporary file beside it, which takes the old
/// file's permissions and is renamed into place only when complete: a failed or interrupted write
/// leaves the old file as it was. SIGINT and SIGTERM during the write remove the temporary file;
/// one left by SIGKILL is removed by the next write to the same path. A symbolic link is followed,
/// so the file it points at is replaced and the link kept. A device, a FIFO or `-` (standard
/// output) is written straight to, so `-o /dev/stdout` works and `/dev/null` stays a device.
/// The text streams through a buffer, so a large trace is never held in memory as one string.
///
/// Foundation's atomic writes do none of this (they replace links and devices, drop permissions,
/// and report every failure as "cannot create"), hence the system calls.
public struct AtomicFile: TextOutputStream {
    private let path: String
    private let descriptor: Int32
    /// The temporary file renamed onto `target` at the end; nil when writing straight to `path`.
    private let temporary: (path: String, target: String)?
    private var buffer: [UInt8] = []
    private var failure: Int32?

    /// Writes the text that `produce` sends to its output stream to `path`.
    ///
    /// - Throws: ``FileWriteError`` with the system's reason; the old file, if any, is unchanged.
    public static func write(to path: String, _ produce: (inout AtomicFile) -> Void) throws(FileWriteError) {
        var file = try AtomicFile(path: path)
        produce(&file)
        try file.commit()
    }

    /// The prefix and suffix of the temporary files written beside `name`: `.NAME.PID.tmp`.
    static func temporaryName(for name: String, pid: Int32) -> String { ".\(name).\(pid).tmp" }

    private init(path: String) throws(FileWriteError) {
        self.path = path
        buffer.reserveCapacity(1 << 20)
        if path == "-" {
            descriptor = dup(STDOUT_FILENO)
            temporary = nil
            return
        }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) == S_IFDIR {
            throw FileWriteError(path: path, reason: "it is a folder; give a file name")
        }
        if exists, (status.st_mode & S_IFMT) != S_IFREG {
            // A device, a FIFO or a socket: write to it as it is.
            descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileWriteError(path: path, code: errno) }
            temporary = nil
            return
        }
        let target = Self.resolvingLinks(path)
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        Self.removeStaleTemporaries(of: url.lastPathComponent, in: folder)
        let temporaryPath = url.deletingLastPathComponent().appendingPathComponent(
            Self.temporaryName(for: url.lastPathComponent, pid: getpid())
        ).path
        // Armed before the file exists, so that no signal falls between its creation and the arming.
        InterruptedWrite.begin(removing: temporaryPath)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let code = errno
            InterruptedWrite.end()
            throw FileWriteError(path: path, reason: "cannot create a file in \(folder): \(String(cString: strerror(code)))")
        }
        if exists {
            fchmod(descriptor, status.st_mode & 0o7777)
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        }
        temporary = (temporaryPath, target)
    }

    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        var written = 0
        while written < buffer.count {
            let count = buffer[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                failure = count < 0 ? errno : EIO
                break
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func commit() throws(FileWriteError) {
        flush()
        if failure == nil, temporary != nil, fsync(descriptor) != 0, errno != EINVAL { failure = errno }
        if close(descriptor) != 0, failure == nil, errno != EINTR { failure = errno }
        guard let temporary else {
            if let failure { throw FileWriteError(path: path, code: failure) }
            return
        }
        defer { InterruptedWrite.end() }
        if let failure {
            unlink(temporary.path)
            throw FileWriteError(path: path, code: failure)
        }
        guard rename(temporary.path, temporary.target) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw FileWriteError(path: path, code: code)
        }
    }

    /// `path` with every symbolic link in its last component followed, so that the file a link
    /// points at is the one replaced (a link to a file not yet there included).
    private static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current =
                destination.hasPrefix("/")
                ? destination : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    /// Removes `.NAME.PID.tmp` files beside `name` whose process no longer runs: what a write
    /// killed by SIGKILL left behind.
    private static func removeStaleTemporaries(of name: String, in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let prefix = ".\(name).", suffix = ".tmp"
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(suffix) && entry.count > prefix.count + suffix.count {
            guard let pid = Int32(entry.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0 else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink(URL(fileURLWithPath: folder).appendingPathComponent(entry).path)
            }
        }
    }
}

/// A file could not be written; the old file at its path, if any, is unchanged.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// The file that was to be written.
    public var path: String
    /// Why it failed, as the system put it.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String {
        "\(path.sanitizedForTerminal): error: cannot write the file: \(reason.sanitizedForTerminal)"
    }
}
