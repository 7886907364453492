import Foundation
import LoopLensTestSupport
import Testing

/// `looplens export`, run as a user would.
@Suite struct ExportTests {
    @Test func textExportMatchesTheGolden() throws {
        let result = try looplens("export", "Scenarios/downloads.yaml", "--width", "80")
        #expect(result.status == 0)
        let golden = try String(
            contentsOf: packageRoot.appendingPathComponent("Tests/LoopLensTimelineTests/Golden/downloads.txt"), encoding: .utf8)
        #expect(result.stdout == golden, "piped output has no colour and matches the layout exactly")
    }

    @Test func colourIsOnlyForTerminalsOrWhenAskedFor() throws {
        let always = try looplens("export", "Scenarios/downloads.yaml", "--width", "80", "--color", "always")
        #expect(always.stdout.contains("\u{1B}[0;34m─"))
        #expect(always.stdout.hasSuffix("\u{1B}[0m\n"))
        let never = try run(["export", "Scenarios/downloads.yaml", "--color", "never"], environment: ["NO_COLOR": ""])
        #expect(!never.stdout.contains("\u{1B}"))
        #expect(never.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "100 columns when not a terminal")
    }

    @Test func asciiWindowRunsAndLanes() throws {
        let result = try looplens(
            "export", "Scenarios/scraper.yaml", "--ascii", "--width", "60", "--from", "400ms", "--to", "700ms", "--runs", "concurrent",
            "--lanes", "fetch1?")
        #expect(result.status == 0)
        #expect(result.stdout.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) })
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  fetch") }.count == 10, "fetch10 to fetch19")
        #expect(!lines.contains { $0.hasPrefix("sequential") || $0.hasPrefix("threads") })
        #expect(lines.contains { $0.contains("0.4s") } && lines.contains { $0.contains("0.7s") })
    }

    @Test func svgExportIsWrittenAtomically() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("downloads.svg").path
        let result = try looplens("export", "Scenarios/downloads.yaml", "--format", "svg", "-o", file)
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["downloads.svg"])
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "<g class=\"lane\"").count - 1 == 8)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let narrow = try looplens("export", "Scenarios/downloads.yaml", "--width", "39")
        #expect(narrow.status == 2)
        #expect(narrow.stderr.contains("--width must be at least 40 columns"))
        let badTime = try looplens("export", "Scenarios/downloads.yaml", "--from", "soon")
        #expect(badTime.status == 2)
        #expect(badTime.stderr.contains("--from 'soon' is not a time"))
        let badRun = try looplens("export", "Scenarios/downloads.yaml", "--runs", "parallel")
        #expect(badRun.status == 2)
        #expect(badRun.stderr.contains("no run named 'parallel'"))
        let reversed = try looplens("export", "Scenarios/downloads.yaml", "--from", "2s", "--to", "1s")
        #expect(reversed.status == 2)
    }

    @Test func badInputExitsOneWithoutOutput() throws {
        let directory = try temporaryDirectory()
        let bad = directory.appendingPathComponent("bad.yaml")
        try "scenario: x\ntasks: [{name: a, steps: [{sleep: nope}]}]\n".write(to: bad, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.txt").path
        let result = try looplens("export", bad.path, "-o", output)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:2:35: error: 'nope' is not a duration"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func theGalleryIsUpToDate() throws {
        let bash = URL(fileURLWithPath: "/bin/bash")
        let result = try run(["docs/gallery.sh", "--check"], executable: bash, environment: ["LOOPLENS": looplensBinary.path])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.prefix(2000))")
    }
}
