import ArgumentParser
import Foundation
import LoopLensTrace

/// `looplens`: shows how an async scheduler runs tasks.
struct LoopLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "looplens",
        abstract: "See how an async scheduler runs your tasks: sequential and concurrent, side by side.",
        usage: """
            looplens [FILE]              (the same as: looplens open [FILE])
            looplens <subcommand> [<options>]
            """,
        discussion: """
            `looplens FILE` opens the interactive timeline of a scenario (.yaml) or a trace (.jsonl); \
            without FILE, of the built-in scenario. FILE may be - for standard input.

            Exit codes: 0 success, 1 the input was bad (the message names file:line:column), 2 usage error, 3 `check` found something.
            """,
        subcommands: [
            OpenCommand.self, ReplayCommand.self, RunCommand.self, TraceCommand.self, ExportCommand.self, CheckCommand.self,
            SweepCommand.self,
            ValidateCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}

/// The entry point: runs the command, mapping bad input to exit code 1 and usage errors to 2.
@main
enum Main {
    static func main() {
        do {
            var command = try LoopLens.parseAsRoot()
            try command.run()
        } catch let errors as InputErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            exit(1)
        } catch let error as FileWriteError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(1)
        } catch {
            if LoopLens.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((LoopLens.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            LoopLens.exit(withError: error)
        }
    }
}
