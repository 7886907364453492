import PackagePlugin

/// Embeds a target's Python files in its Swift module: `name.py` becomes a Swift file declaring
/// `let name_py: String` with the file's text, so the `looplens` binary carries the Python tracer
/// and needs no checkout. (SwiftPM resources would live in a bundle beside the binary instead.)
@main
struct EmbedText: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let tool = try context.tool(named: "embed-text")
        return module.sourceFiles.filter { $0.url.pathExtension == "py" }.map { file in
            let name = file.url.lastPathComponent
            let output = context.pluginWorkDirectoryURL.appending(path: name.replacingOccurrences(of: ".", with: "_") + ".swift")
            return .buildCommand(
                displayName: "Embedding \(name)", executable: tool.url, arguments: [file.url.path(), output.path()],
                inputFiles: [file.url], outputFiles: [output])
        }
    }
}
