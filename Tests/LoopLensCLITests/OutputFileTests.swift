import Foundation
import LoopLensTestSupport
import Testing

/// `-o`: nothing lost, nothing clobbered.
@Suite(.serialized) struct OutputFileTests {
    static let scenario = "Scenarios/downloads.yaml"

    func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).map { $0 & 0o7777 } ?? -1
    }

    func temporaries(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func aLinkIsFollowedAndTheFileKeepsItsPermissions() throws {
        let directory = try temporaryDirectory()
        let real = directory.appendingPathComponent("real.txt"), link = directory.appendingPathComponent("link.txt")
        try "old\n".write(to: real, atomically: false, encoding: .utf8)
        #expect(chmod(real.path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.txt")
        let result = try looplens("export", Self.scenario, "--width", "60", "-o", link.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "looplens: the timeline is in \(link.path)\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.txt", "the link is kept")
        #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("Three page downloads\n"))
        #expect(try permissions(real.path) == 0o600)
        #expect(try temporaries(in: directory).isEmpty)
    }

    @Test func standardOutputAndDevicesAreWrittenStraight() throws {
        for path in ["-", "/dev/stdout"] {
            let result = try looplens("export", Self.scenario, "--width", "60", "-o", path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("Three page downloads\n"), "\(path)")
        }
        #expect(try looplens("run", Self.scenario, "-o", "/dev/null").status == 0)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    }

    @Test func aFIFOIsWrittenToAndStaysAFIFO() throws {
        let fifo = try temporaryDirectory().appendingPathComponent("trace.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo.path) { received = handle.readDataToEndOfFile() }
        }
        reader.start()
        let result = try looplens("run", Self.scenario, "-o", fifo.path)
        #expect(result.status == 0, "\(result.stderr)")
        while !reader.isFinished { usleep(1000) }
        #expect(String(decoding: received, as: UTF8.self).hasPrefix(#"{"looplens":1,"run":"sequential""#))
        var status = stat()
        #expect(stat(fifo.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func aFullDeviceGivesTheRealReason() throws {
        let result = try looplens("run", Self.scenario, "-o", "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "/dev/full: error: cannot write the file: No space left on device\n")
    }

    @Test func aFullFileSystemLeavesTheOldFileAndNoTemporary() throws {
        let directory = try temporaryDirectory()
        let mountPoint = directory.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mounted = try run(["-t", "tmpfs", "-o", "size=16k", "tmpfs", mountPoint.path], executable: URL(fileURLWithPath: "/bin/mount"))
        try #require(mounted.status == 0, "mounting a 16 KB tmpfs needs root: \(mounted.stderr)")
        defer { _ = try? run([mountPoint.path], executable: URL(fileURLWithPath: "/bin/umount")) }
        let output = mountPoint.appendingPathComponent("trace.jsonl")
        try "old\n".write(to: output, atomically: false, encoding: .utf8)
        let result = try looplens("run", "Scenarios/scraper.yaml", "-o", output.path)
        #expect(result.status == 1)
        #expect(result.stderr == "\(output.path): error: cannot write the file: No space left on device\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
        #expect(try temporaries(in: mountPoint).isEmpty)
    }

    @Test func aReadOnlyFolderLeavesTheOldFile() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("trace.jsonl")
        try "old\n".write(to: output, atomically: false, encoding: .utf8)
        #expect(chmod(directory.path, 0o555) == 0)
        defer { chmod(directory.path, 0o755) }
        // Root writes anywhere: drop to the unprivileged user `nobody` to see what a user sees.
        let arguments = ["run", Self.scenario, "-o", output.path]
        let result =
            getuid() == 0
            ? try run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", looplensBinary.path] + arguments,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : try run(arguments)
        #expect(result.status == 1)
        #expect(
            result.stderr == "\(output.path): error: cannot write the file: cannot create a file in \(directory.path): Permission denied\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
    }

    /// Starts `looplens run` writing a large trace to `output`, waits until its temporary file
    /// appears, and sends `signal`. Returns the process's status and the folder's temporaries.
    func interrupt(writingTo output: URL, with signal: Int32) throws -> (status: Int32, temporaries: [String]) {
        let scenario = output.deletingLastPathComponent().appendingPathComponent("large.yaml")
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Scenarios/scraper.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "count: 20\n", with: "count: 40000\n").write(to: scenario, atomically: true, encoding: .utf8)
        let pid = spawnWithSignals(looplensBinary.path, ["run", scenario.path, "-o", output.path])
        try #require(pid > 0)
        let temporary = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(pid).tmp")
        var status: Int32 = 0
        while !FileManager.default.fileExists(atPath: temporary.path) {
            try #require(waitpid(pid, &status, WNOHANG) == 0, "looplens ended before writing")
            usleep(500)
        }
        kill(pid, signal)
        waitpid(pid, &status, 0)
        return (status & 0x7f, try temporaries(in: output.deletingLastPathComponent()))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringTheWriteRemovesTheTemporaryAndKeepsTheOldFile(signal: Int32) throws {
        let output = try temporaryDirectory().appendingPathComponent("trace.jsonl")
        try "old\n".write(to: output, atomically: false, encoding: .utf8)
        let (status, temporaries) = try interrupt(writingTo: output, with: signal)
        #expect(status == signal, "the signal ended it")
        #expect(temporaries.isEmpty)
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
    }

    @Test func afterSIGKILLTheNextWriteRemovesTheStaleTemporary() throws {
        let output = try temporaryDirectory().appendingPathComponent("trace.jsonl")
        try "old\n".write(to: output, atomically: false, encoding: .utf8)
        let (status, temporaries) = try interrupt(writingTo: output, with: SIGKILL)
        #expect(status == SIGKILL)
        #expect(temporaries.count == 1, "SIGKILL cannot be caught: \(temporaries)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
        #expect(try looplens("run", Self.scenario, "-o", output.path).status == 0)
        #expect(try self.temporaries(in: output.deletingLastPathComponent()).isEmpty)
    }
}
