// libyaml's event API, which Yams is built on. Yams composes every alias into a copy of its
// anchor's node and hashes mapping keys whole, so a few lines of nested aliases cost exponential
// time inside `Yams.compose` before LoopLens sees a node; no Yams option bounds that. Counting
// the expanded size from the events first, in time linear in the text, does.
import CYaml
import LoopLensTrace

/// How many YAML nodes a document stands for once every alias is expanded where it is used.
enum YAMLExpansion {
    /// Refuses `yaml` when its nodes, with every alias expanded, number more than `limit`. Syntax
    /// errors are left for the YAML parser to report.
    ///
    /// - Throws: ``InputErrors`` located at the node that passed the limit.
    static func check(_ yaml: String, file: String, limit: Int) throws(InputErrors) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        var passed: yaml_mark_t?
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            passed = firstNodePastLimit(&parser, limit: limit)
        }
        guard let passed else { return }
        throw InputErrors([
            InputError(
                file: file, line: Int(passed.line) + 1, column: Int(passed.column) + 1,
                message:
                    "the scenario expands to more than \(limit) YAML nodes (aliases count each time they are used); use fewer aliases or 'count:', or raise the limit with \(SimulationLimits.option(for: .yamlNodes))"
            )
        ])
    }

    /// Reads events until the end of the stream (or a syntax error); returns where the expanded
    /// count first passed `limit`, if it did.
    private static func firstNodePastLimit(_ parser: inout yaml_parser_t, limit: Int) -> yaml_mark_t? {
        var sizeOfAnchor: [String: Int] = [:]
        // Per open collection, its size so far and its anchor.
        var open: [(size: Int, anchor: String?)] = []
        var total = 0
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            var closed: (size: Int, anchor: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SEQUENCE_START_EVENT:
                open.append((1, name(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                open.append((1, name(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                closed = open.popLast()
            case YAML_SCALAR_EVENT:
                closed = (1, name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                closed = (name(event.data.alias.anchor).flatMap { sizeOfAnchor[$0] } ?? 1, nil)
            default:
                continue
            }
            guard let closed else { continue }
            if let anchor = closed.anchor { sizeOfAnchor[anchor] = closed.size }
            // A node's size was counted into `total` as its parts arrived; an alias adds its copy.
            total = min(total + (event.type == YAML_ALIAS_EVENT ? closed.size : 1), limit + 1)
            if !open.isEmpty { open[open.count - 1].size = min(open[open.count - 1].size + closed.size, limit + 1) }
            if total > limit { return event.start_mark }
        }
        return nil
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
