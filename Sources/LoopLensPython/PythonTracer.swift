import Foundation

/// The asyncio tracer (`looplens_asyncio.py`), carried inside the binary.
public enum PythonTracer {
    /// The tracer's source text, embedded at build time by the EmbedText plugin.
    public static let source = looplens_asyncio_py

    /// The tracer's file name, as Python shows it.
    public static let fileName = "looplens_asyncio.py"

    /// Writes the tracer into a new private directory (mode 0700) and returns the file's path;
    /// remove the directory with ``removeInstalled(_:)`` when the program is over.
    public static func install() throws -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/looplens-XXXXXX").utf8CString)
        guard let directory = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create a temporary directory"])
        }
        let path = String(cString: directory) + "/" + fileName
        do {
            try source.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            removeInstalled(path)
            throw error
        }
        return path
    }

    /// Removes what ``install()`` wrote.
    public static func removeInstalled(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
