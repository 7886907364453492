import Foundation
import LoopLensTestSupport
import Testing

/// What LoopLens reads: regular files, FIFOs and standard input; everything else is refused with
/// its own message, exit status 1, and nothing read forever.
@Suite struct InputFileTests {
    @Test func aFolderIsNotAFile() throws {
        let result = try looplens("validate", "Scenarios")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Scenarios:1:1: error: this is a folder, not a file; give a scenario (.yaml) or a trace (.jsonl) inside it\n")
    }

    @Test func aLinkToADeviceIsRefusedRatherThanReadForever() throws {
        let link = try temporaryDirectory().appendingPathComponent("zero.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        for command in ["validate", "export"] {
            let result = try looplens(command, link.path)
            #expect(result.status == 1)
            #expect(
                result.stderr
                    == "\(link.path):1:1: error: this is a device, not a file; LoopLens reads regular files, FIFOs and standard input ('-')\n"
            )
        }
    }

    @Test func aScenarioComesThroughAFIFOAndStandardInput() throws {
        let scenario = try String(contentsOf: packageRoot.appendingPathComponent("Scenarios/downloads.yaml"), encoding: .utf8)
        let fifo = try temporaryDirectory().appendingPathComponent("scenario.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let writer = Thread {
            // Opening a FIFO for writing waits for its reader: looplens.
            FileManager.default.createFile(atPath: fifo.path, contents: nil)
            if let handle = FileHandle(forWritingAtPath: fifo.path) {
                handle.write(Data(scenario.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let throughFIFO = try looplens("validate", fifo.path)
        #expect(throughFIFO.status == 0, "\(throughFIFO.stderr)")
        #expect(throughFIFO.stdout.contains("ok: scenario 'Three page downloads'"))

        let throughStandardInput = try run(["export", "-", "--width", "60", "--ascii"], input: scenario)
        #expect(throughStandardInput.status == 0, "\(throughStandardInput.stderr)")
        #expect(throughStandardInput.stdout.hasPrefix("Three page downloads\n"))
    }

    @Test func aTraceComesThroughStandardInput() throws {
        let path = try temporaryDirectory().appendingPathComponent("t.jsonl")
        #expect(try looplens("run", "Scenarios/downloads.yaml", "-o", path.path).status == 0)
        let piped = try run(["validate", "-"], input: try String(contentsOf: path, encoding: .utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("ok: trace with 2 runs (sequential, concurrent), 56 events"))
    }

    @Test func aMissingFileAndAnUnreadableOneGetTheirOwnMessages() throws {
        let missing = try looplens("validate", "no/such.yaml")
        #expect(missing.status == 1)
        #expect(missing.stderr == "no/such.yaml:1:1: error: no such file; check the path\n")

        let directory = try temporaryDirectory()
        let secret = directory.appendingPathComponent("secret.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Scenarios/downloads.yaml"), to: secret)
        #expect(chmod(secret.path, 0) == 0)
        #expect(chmod(directory.path, 0o755) == 0)
        // Root reads any file: drop to the unprivileged user `nobody` to see what a user sees.
        let arguments = getuid() == 0 ? ["--reuid=65534", "--regid=65534", "--clear-groups", looplensBinary.path] : []
        let unreadable = try run(
            arguments + ["validate", secret.path],
            executable: URL(fileURLWithPath: getuid() == 0 ? "/usr/bin/setpriv" : looplensBinary.path))
        #expect(unreadable.status == 1)
        #expect(
            unreadable.stderr
                == "\(secret.path):1:1: error: permission denied; LoopLens cannot read this file (check its permissions, e.g. chmod a+r)\n")
    }
}
