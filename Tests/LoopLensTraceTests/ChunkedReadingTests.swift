import Foundation
import LoopLensTrace
import Testing

/// Files are read in chunks of whole lines, scanned on a second thread: lines that cross a chunk's
/// end, lines longer than a chunk, and a last line without a line feed all read as they do one at
/// a time.
@Suite struct ChunkedReadingTests {
    /// 3 000 events with prints of every length up to 300 bytes and ten of 150 000, so that lines fall across
    /// every part of the 64 KB chunks and some span several.
    static func trace() -> Trace {
        var run = Run(name: "concurrent", scenario: "chunks")
        run.tasks.add(id: 1, name: "main", parent: nil)
        run.events.append(Event(time: 0, task: 0, kind: .spawn))
        run.events.append(Event(time: 0, task: 0, kind: .resume))
        for index in 0..<3_000 {
            let length = index % 300 == 299 ? 150_000 : (index * 37) % 300
            let text = String(repeating: "é\"", count: length / 3)
            run.events.append(Event(time: Nanoseconds(index), task: 0, kind: .print, detail: .text(text)))
        }
        run.events.append(Event(time: 3_000, task: 0, kind: .finish, detail: .outcome(.ok, error: nil)))
        return Trace(runs: [run])
    }

    func lineByLine(_ bytes: [UInt8]) -> TraceReadResult {
        var reader = TraceReader(file: "t.jsonl")
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 {
                if !line.isEmpty { reader.read(unterminatedLastLine: line) }
            } else {
                reader.read(line: line)
            }
        }
        return reader.finish()
    }

    func file(holding bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("looplens-chunks-\(UUID()).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [false, true]) func chunksReadAsLinesDo(cutLastLine: Bool) throws {
        var bytes = Array(TraceWriter.encode(Self.trace()).utf8)
        if cutLastLine { bytes.removeLast(5) }
        let expected = lineByLine(bytes)
        let path = try file(holding: bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for result in [try TraceReader.read(file: path), TraceReader.read(contentsOf: bytes, file: "t.jsonl")] {
            #expect(Array(result.trace.runs[0].events) == Array(expected.trace.runs[0].events))
            #expect(result.problems.map(\.message) == expected.problems.map(\.message))
            #expect(result.warnings.map(\.message) == expected.warnings.map(\.message))
            #expect(result.warnings.map(\.line) == expected.warnings.map(\.line))
        }
        #expect(expected.trace.runs[0].events.count == (cutLastLine ? 3_002 : 3_003))
        #expect(expected.warnings.count == (cutLastLine ? 2 : 0))
    }

    @Test func progressIsReportedUpToTheWholeFile() throws {
        let bytes = Array(TraceWriter.encode(Self.trace()).utf8)
        let path = try file(holding: bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reports: [Int] = []
        _ = try TraceReader.read(file: path) { bytesRead, total in
            #expect(total == bytes.count)
            reports.append(bytesRead)
        }
        #expect(reports == reports.sorted() && reports.count > 10)
        #expect(reports.last == bytes.count)
    }
}
