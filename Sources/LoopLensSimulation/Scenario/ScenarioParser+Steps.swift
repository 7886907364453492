import LoopLensTrace
import Yams

extension ScenarioParser {
    static let stepKeys = [
        "cpu", "sleep", "io", "print", "lock", "semaphore", "call", "spawn", "await", "gather", "to_thread", "fail", "timeout",
        "set", "wait", "put", "get",
    ]

    /// The steps of the task `task`, with any `{i}` left as written.
    mutating func parseSteps(_ node: Node, task: String) -> [Step] {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            report(node.mark, "'steps:' must be a list, each step starting with '- '")
            return []
        }
        var steps: [Step] = []
        for item in sequence {
            guard visit(item) else { break }
            if let step = parseStep(item, task: task) { steps.append(step) }
        }
        return steps
    }

    private mutating func parseStep(_ node: Node, task: String) -> Step? {
        guard let mapping = node.mapping,
            let (keyNode, value) = mapping.first(where: { Self.stepKeys.contains($0.key.string ?? "") }) ?? mapping.first
        else {
            report(node.mark, "a step must be a mapping such as '- sleep: 1s'; steps are \(Self.stepKeys.joined(separator: ", "))")
            return nil
        }
        let kind = keyNode.string ?? ""
        guard Self.stepKeys.contains(kind) else {
            report(
                keyNode.mark,
                "unknown step '\(kind)'\(suggestion(for: kind, among: Self.stepKeys)); steps are \(Self.stepKeys.joined(separator: ", "))")
            return nil
        }
        let allowedExtras: [String] =
            switch kind {
            case "io": ["label"]
            case "lock", "semaphore", "timeout": ["steps"]
            default: []
            }
        var extras: [String: Node] = [:]
        for (otherKey, otherValue) in mapping where otherKey != keyNode {
            let name = otherKey.string ?? ""
            if allowedExtras.contains(name) {
                extras[name] = otherValue
            } else if Self.stepKeys.contains(name) {
                report(otherKey.mark, "one step per list item: start '\(name)' on its own line with '- '")
            } else {
                let hint =
                    allowedExtras.isEmpty
                    ? "a '\(kind)' step takes no other keys" : "a '\(kind)' step also takes only \(allowedExtras.joined(separator: ", "))"
                report(otherKey.mark, "unknown key '\(name)' in a '\(kind)' step; \(hint)")
            }
        }
        func inner() -> [Step] {
            guard let stepsNode = extras["steps"] else {
                report(node.mark, "a '\(kind)' step needs 'steps:' listing what runs inside it")
                return []
            }
            return parseSteps(stepsNode, task: task)
        }
        switch kind {
        case "cpu": return duration(value).map(Step.cpu)
        case "sleep": return duration(value).map(Step.sleep)
        case "io":
            return duration(value).map {
                Step.io($0, label: extras["label"].flatMap { text($0, "the label") })
            }
        case "to_thread": return duration(value).map(Step.toThread)
        case "print": return text(value, "the printed text").map { .print($0) }
        case "fail": return text(value, "the error message").map { .fail($0) }
        case "lock", "semaphore":
            guard let name = name(value, kind: kind) else { return nil }
            references.append(Reference(kind: kind == "lock" ? .lock : .semaphore, name: name, fromTask: task, mark: value.mark))
            let steps = inner()
            return kind == "lock" ? .lock(name, steps: steps) : .semaphore(name, steps: steps)
        case "timeout":
            let limit = duration(value)
            let steps = inner()
            return limit.map { .timeout($0, steps: steps) }
        case "call", "spawn", "await":
            guard let name = name(value, kind: kind) else { return nil }
            let referenceKind: Reference.Kind = kind == "call" ? .call : kind == "spawn" ? .spawn : .await
            references.append(Reference(kind: referenceKind, name: name, fromTask: task, mark: value.mark))
            return kind == "call" ? .call(name) : kind == "spawn" ? .spawn(name) : .await(name)
        case "set", "wait":
            guard let name = name(value, kind: kind) else { return nil }
            references.append(Reference(kind: .event, name: name, fromTask: task, mark: value.mark))
            return kind == "set" ? .setEvent(name) : .waitEvent(name)
        case "put", "get":
            guard let name = name(value, kind: kind) else { return nil }
            references.append(Reference(kind: .queue, name: name, fromTask: task, mark: value.mark))
            return kind == "put" ? .put(name) : .get(name)
        case "gather":
            guard let sequence = value.sequence, !sequence.isEmpty else {
                report(value.mark, "'gather' takes a non-empty list of task names, such as [a, b]")
                return nil
            }
            let names = sequence.compactMap { item -> String? in
                guard visit(item), let name = self.name(item, kind: "gather") else { return nil }
                references.append(Reference(kind: .gather, name: name, fromTask: task, mark: item.mark))
                return name
            }
            return .gather(names)
        default:
            return nil
        }
    }

    private mutating func name(_ node: Node, kind: String) -> String? {
        guard let name = text(node, "the name after '\(kind):'"), !name.isEmpty else {
            if node.scalar != nil { report(node.mark, "'\(kind)' needs a name") }
            return nil
        }
        return name
    }

    private mutating func duration(_ node: Node) -> Nanoseconds? {
        guard let raw = text(node, "a duration") else { return nil }
        do {
            return try DurationParser.parse(raw)
        } catch .negative {
            report(node.mark, "the duration '\(raw)' is negative; durations must be zero or more")
        } catch .finerThanNanosecond {
            report(node.mark, "the duration '\(raw)' is finer than a nanosecond; round it to whole nanoseconds")
        } catch .tooLong {
            report(node.mark, "the duration '\(raw)' is longer than \(TimeLimit.description), the longest LoopLens simulates; shorten it")
        } catch {
            report(node.mark, "'\(raw)' is not a duration; write e.g. 2s, 1.5s, 150ms, 20us or 500ns")
        }
        return nil
    }
}
