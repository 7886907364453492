import Foundation
import LoopLensTestSupport
import Testing

/// A trace whose program was killed mid-write still opens, up to its last whole line, with its
/// unfinished tasks marked as cut; `validate --strict` refuses it.
@Suite struct PartialTraceTests {
    /// The downloads trace cut in the middle of its 17th line.
    func cutTrace() throws -> String {
        let directory = try temporaryDirectory()
        let whole = directory.appendingPathComponent("whole.jsonl").path
        #expect(try looplens("run", "Scenarios/downloads.yaml", "-o", whole).status == 0)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n")
        let cut = directory.appendingPathComponent("cut.jsonl").path
        try (lines[..<16].joined(separator: "\n") + "\n" + lines[16].prefix(25)).write(toFile: cut, atomically: true, encoding: .utf8)
        return cut
    }

    @Test func aCutTraceOpensWithWarningsAndTheCutMarked() throws {
        let cut = try cutTrace()
        let export = try looplens("export", cut, "--width", "70", "--ascii")
        #expect(export.status == 0)
        let warnings = export.stderr.split(separator: "\n")
        #expect(warnings.count == 2, "\(export.stderr)")
        #expect(
            warnings.first?.hasPrefix("\(cut):16:1: warning: run 'sequential' ends here with 2 tasks unfinished ('main', 'page2')") == true)
        #expect(
            warnings.last?.hasPrefix("\(cut):17:") == true && warnings.last?.contains("the trace ends in the middle of this line") == true)
        #expect(export.stdout.contains("> recording cut"))
        let main = try #require(export.stdout.split(separator: "\n").first { $0.hasPrefix("main") })
        #expect(main.hasSuffix(">"), "main is drawn to the last event and marked as cut: \(main)")

        let validate = try looplens("validate", cut)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("ok: trace with 1 run (sequential)"))
        let strict = try looplens("validate", "--strict", cut)
        #expect(strict.status == 1)
        #expect(strict.stderr.split(separator: "\n").allSatisfy { $0.contains(": error: ") } && strict.stdout.isEmpty)
    }

    @Test func aTaskSpawnedTwiceIsAWarningAndAnErrorUnderStrict() throws {
        let file = try temporaryDirectory().appendingPathComponent("twice.jsonl").path
        try """
        {"looplens":1,"run":"r"}
        {"t":0,"task":1,"ev":"spawn","name":"a"}
        {"t":1,"task":1,"ev":"spawn","name":"b"}
        {"t":2,"task":1,"ev":"finish"}

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let loose = try looplens("validate", file)
        #expect(loose.status == 0)
        #expect(
            loose.stderr
                == "\(file):3:8: warning: task 1 is spawned a second time; both tasks are drawn on one lane, so give each task its own id\n"
        )
        let strict = try looplens("validate", "--strict", file)
        #expect(strict.status == 1)
        #expect(
            strict.stderr
                == "\(file):3:8: error: task 1 is spawned a second time; both tasks are drawn on one lane, so give each task its own id\n")
    }
}
