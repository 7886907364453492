import LoopLensTrace
import Yams

/// A change made to a scenario before it runs, written `KEY=VALUE` (`--set`): `threads=8`,
/// `semaphores.pool=4`, `tasks.fetch{i}.count=100`, `tasks.main.steps.0.io=2s`. The key is a path
/// through the scenario's YAML: a mapping's key, a list's item by its `name:` or by its index from
/// 0. The value replaces what is there (or is added, as the last key of a mapping), and is then
/// read and checked like the file's own text; a value in brackets or braces is a YAML flow list or
/// mapping (`compare=[sequential, threads]`), anything else one value.
public struct ScenarioOverride: Sendable, Hashable, CustomStringConvertible {
    public var path: [String]
    public var value: String

    public init(path: [String], value: String) {
        self.path = path
        self.value = value
    }

    /// Reads `KEY=VALUE`; `nil` when there is no `=`, or the key or a part of it is empty.
    public init?(_ text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let path = text[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { return nil }
        self.init(path: path, value: String(text[text.index(after: equals)...]))
    }

    public var description: String { path.joined(separator: ".") + "=" + value }

    /// `root` with this change made; a key that leads nowhere is reported at the node where the
    /// path stopped, naming what is there instead.
    func applied(to root: Node, file: String) throws(InputError) -> Node {
        try set(path[...], in: root, file: file)
    }

    private func set(_ path: ArraySlice<String>, in node: Node, file: String) throws(InputError) -> Node {
        let key = path.first!
        let walked = self.path[..<path.startIndex].joined(separator: ".")
        func failure(_ message: String, at mark: Mark?) -> InputError {
            InputError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: "--set \(self): \(message)")
        }
        func replacement(for old: Node?) -> Node {
            if value.hasPrefix("[") || value.hasPrefix("{"), let flow = try? Yams.compose(yaml: value) { return flow }
            return .scalar(Node.Scalar(value, Tag(.implicit), .any, old?.mark ?? node.mark))
        }
        switch node {
        case .mapping(var mapping):
            if path.count == 1 {
                mapping[key] = replacement(for: mapping[key])
            } else {
                guard let child = mapping[key] else {
                    let keys = mapping.keys.compactMap(\.string).joined(separator: ", ")
                    throw failure("\(walked.isEmpty ? "the scenario" : "'\(walked)'") has no '\(key)'; it has \(keys)", at: mapping.mark)
                }
                mapping[key] = try set(path.dropFirst(), in: child, file: file)
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            let names = sequence.map { $0.mapping?["name"]?.string }
            guard let index = Int(key).flatMap({ sequence.indices.contains($0) ? $0 : nil }) ?? names.firstIndex(of: key) else {
                let named = names.compactMap { $0 }
                let choices = named.isEmpty ? "items 0 to \(sequence.count - 1)" : "items named \(named.joined(separator: ", "))"
                throw failure("'\(walked)' has no item '\(key)'; it has \(choices)", at: sequence.mark)
            }
            sequence[index] =
                path.count == 1 ? replacement(for: sequence[index]) : try set(path.dropFirst(), in: sequence[index], file: file)
            return .sequence(sequence)
        case .scalar, .alias:
            throw failure("'\(walked)' is a single value, with nothing named '\(key)' inside", at: node.mark)
        }
    }
}
