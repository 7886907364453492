import Foundation
import LoopLensTrace
import Testing

/// Following a trace file while another process appends to it.
@Suite struct TraceFollowerTests {
    /// A new file in a fresh folder, and a handle that appends to it.
    func growingFile() throws -> (path: String, writer: FileHandle) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("live.jsonl").path
        FileManager.default.createFile(atPath: path, contents: nil)
        return (path, try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
    }

    @Test func aPartialLastLineIsWaitedForNotReported() throws {
        let (path, writer) = try growingFile()
        defer { try? writer.close() }
        var follower = try TraceFollower(file: path)
        defer { follower.close() }
        let grew1 = follower.poll()
        #expect(!grew1 && !follower.hasRuns)

        writer.write(Data(#"{"looplens":1,"run":"real","scenario":"app.py","clock":"monotonic"}"#.utf8 + [0x0A]))
        writer.write(Data(#"{"t":0,"task":1,"ev":"spawn","name":"main"}"#.utf8 + [0x0A]))
        writer.write(Data(#"{"t":5,"task":1,"ev":"res"#.utf8))
        let grew2 = follower.poll()
        #expect(grew2)
        #expect(follower.problems.isEmpty)
        #expect(follower.trace(now: 0).runs.first?.events.count == 1)

        let grew3 = follower.poll()
        #expect(!grew3, "nothing new: the partial line is still waited for")
        writer.write(Data(#"ume"}"#.utf8 + [0x0A] + #"{"t":9,"task":1,"ev":"suspend","on":"sleep","what":"1s"}"#.utf8 + [0x0A]))
        let grew4 = follower.poll()
        #expect(grew4)
        #expect(follower.problems.isEmpty)
        let events = try #require(follower.trace(now: 0).runs.first?.events)
        #expect(events.map(\.kind) == [.spawn, .resume, .suspend])
        #expect(events.map(\.time) == [0, 5, 9])

        writer.write(Data(#"{"t":3,"task":1,"ev":"resume"}"#.utf8 + [0x0A]))
        let grew5 = follower.poll()
        #expect(grew5)
        #expect(follower.problems.map(\.line) == [5], "a complete bad line is a problem, with its line")
    }

    @Test func aWritersLockMeansNowExtendsTheRun() throws {
        let (path, writer) = try growingFile()
        defer { try? writer.close() }
        let origin: Nanoseconds = 1_000_000_000
        writer.write(Data(#"{"looplens":1,"run":"real","scenario":"s","clock":"monotonic","origin":\#(origin)}"#.utf8 + [0x0A]))
        writer.write(Data(#"{"t":0,"task":1,"ev":"spawn","name":"main"}"#.utf8 + [0x0A]))
        #expect(flock(writer.fileDescriptor, LOCK_EX) == 0)

        var follower = try TraceFollower(file: path)
        defer { follower.close() }
        let grew6 = follower.poll()
        #expect(grew6)
        #expect(follower.isBeingWritten && follower.hadWriter)
        let now: Nanoseconds = 4_500_000_000
        let run = try #require(follower.trace(now: now).runs.first)
        #expect(run.origin == origin)
        #expect(run.recordedUntil == now - origin)
        #expect(run.duration == 3_500_000_000)
        #expect(run.taskTimelines().first?.end == 3_500_000_000, "the unfinished task lasts until now")

        flock(writer.fileDescriptor, LOCK_UN)
        let grew7 = follower.poll()
        #expect(!grew7)
        #expect(!follower.isBeingWritten && follower.hadWriter)
        #expect(follower.trace(now: now).runs.first?.duration == 0, "once the writer is gone, the run ends at its last event")
    }

    @Test func aFileWithoutAWriterIsFollowedButNotExtended() throws {
        let (path, writer) = try growingFile()
        defer { try? writer.close() }
        writer.write(Data(#"{"looplens":1,"run":"real","scenario":"s","clock":"monotonic","origin":0}"#.utf8 + [0x0A]))
        var follower = try TraceFollower(file: path)
        defer { follower.close() }
        let grew8 = follower.poll()
        #expect(grew8)
        #expect(!follower.isBeingWritten && !follower.hadWriter)
        #expect(follower.trace(now: 7).runs.first?.recordedUntil == 0)
        writer.write(Data(#"{"t":4,"task":1,"ev":"spawn","name":"late"}"#.utf8 + [0x0A]))
        let grew9 = follower.poll()
        #expect(grew9, "still polled for growth")
        #expect(follower.trace(now: 7).runs.first?.tasks.count == 1)
    }

    @Test func aMissingFileIsALocatedError() {
        #expect(throws: InputErrors.self) { try TraceFollower(file: "/nonexistent/live.jsonl") }
    }
}
