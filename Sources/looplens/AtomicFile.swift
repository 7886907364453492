import ArgumentParser
import Foundation
import LoopLensTrace

/// Writes a file all at once: Foundation's atomic write puts the text in a temporary file beside
/// the target and renames it into place, so a failed write never leaves a partial file behind.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(
                Data("\(path.sanitizedForTerminal): error: cannot write the file: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
