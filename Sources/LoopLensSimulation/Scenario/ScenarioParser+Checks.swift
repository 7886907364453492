import LoopLensTrace

extension ScenarioParser {
    /// Checks what only the whole file can tell: that every name is defined and nothing refers to
    /// itself in a cycle.
    mutating func checkDefinitions(of scenario: Scenario) {
        let defined = Set(definitionMarks.keys)
        // Suggestions compare a name with every defined one: sorted once, and only sought while
        // problems are still listed and the names are few (the fuzzer found 955 undefined names
        // among 955 defined ones taking seconds).
        let suggestible = defined.count <= 10_000 ? defined.sorted() : []
        // A counted task names the same undefined task once per copy: each name is looked up once
        // (the scenario fuzzer found 955 copies costing 955 searches of 955 names).
        var suggestions: [String: String] = [:]
        func suggestion(for name: String) -> String {
            if let known = suggestions[name] { return known }
            let found = self.suggestion(for: name, among: suggestible)
            suggestions[name] = found
            return found
        }
        let topLevel = Set(scenario.tasks.map(\.name))
        let spawned = Set(references.filter { $0.kind == .spawn }.map(\.name))
        for reference in references {
            switch reference.kind {
            case .lock where !scenario.locks.contains(reference.name):
                report(reference.mark, "lock '\(reference.name)' is not declared; add it to 'locks:' at the top level")
            case .semaphore where scenario.semaphores[reference.name] == nil:
                report(
                    reference.mark,
                    "semaphore '\(reference.name)' is not declared; add it to 'semaphores:' with a limit, such as {\(reference.name): 2}")
            case .event where !scenario.events.contains(reference.name):
                report(reference.mark, "event '\(reference.name)' is not declared; add it to 'events:' at the top level")
            case .queue where scenario.queues[reference.name] == nil:
                report(
                    reference.mark,
                    "queue '\(reference.name)' is not declared; add it to 'queues:' with a size (0 for no limit), such as {\(reference.name): 0}"
                )
            case .lock, .semaphore, .event, .queue:
                continue
            case .call, .spawn, .await, .gather:
                if let names = templates[reference.name], reference.kind != .gather {
                    report(
                        reference.mark,
                        "'\(reference.name)' names \(names.count) tasks; '\(reference.kind)' takes one, so name one or use 'gather'")
                } else if templates[reference.name] == nil, !defined.contains(reference.name) {
                    report(
                        reference.mark,
                        "task '\(reference.name)' is not defined\(isListingProblems ? suggestion(for: reference.name) : ""); define it under 'tasks:' or 'subtasks:'"
                    )
                } else if reference.kind == .await, !topLevel.contains(reference.name), !spawned.contains(reference.name) {
                    report(
                        reference.mark,
                        "task '\(reference.name)' is awaited but never spawned; add '- spawn: \(reference.name)' before this, or use '- call: \(reference.name)' to run it inline"
                    )
                }
            }
        }
        if scenario.tasks.count > 1, let main = scenario.tasks.first(where: { $0.name == "main" }) {
            report(
                definitionMarks[main.name],
                "'main' is the program's own task, so it must be the only top-level task; rename this one or move the others under 'subtasks:'"
            )
        }
        checkCycles(among: defined)
    }

    /// Reports the first reference that closes each cycle of calls, spawns, awaits and gathers.
    private mutating func checkCycles(among defined: Set<String>) {
        var edges: [String: [Reference]] = [:]
        for reference in references where [.call, .spawn, .await, .gather].contains(reference.kind) {
            edges[reference.fromTask, default: []].append(reference)
        }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        var cycles: [(Reference, [String])] = []

        func visit(_ task: String) {
            marks[task] = .visiting
            path.append(task)
            for reference in edges[task] ?? [] {
                for target in templates[reference.name] ?? [reference.name] where defined.contains(target) {
                    switch marks[target] {
                    case .visiting?:
                        let loop = path[path.lastIndex(of: target)!...] + [target]
                        cycles.append((reference, Array(loop)))
                    case nil:
                        visit(target)
                    case .done?:
                        continue
                    }
                }
            }
            path.removeLast()
            marks[task] = .done
        }
        for task in definitionMarks.keys.sorted() where marks[task] == nil {
            visit(task)
        }
        for (reference, loop) in cycles {
            report(
                reference.mark,
                "this '\(reference.kind)' closes a cycle (\(loop.joined(separator: " → "))) that never ends; break the cycle")
        }
    }

    /// The scenario with every `gather` of a counted name (`fetch{i}`) expanded to its tasks.
    func resolvingTemplates(in scenario: Scenario) -> Scenario {
        guard !templates.isEmpty else { return scenario }
        func resolve(_ steps: [Step]) -> [Step] {
            steps.map { step in
                switch step {
                case .gather(let names): .gather(names.flatMap { templates[$0] ?? [$0] })
                case .lock(let name, let inner): .lock(name, steps: resolve(inner))
                case .semaphore(let name, let inner): .semaphore(name, steps: resolve(inner))
                case .timeout(let limit, let inner): .timeout(limit, steps: resolve(inner))
                default: step
                }
            }
        }
        var resolved = scenario
        resolved.tasks = scenario.tasks.map { TaskDefinition(name: $0.name, steps: resolve($0.steps)) }
        resolved.subtasks = scenario.subtasks.map { TaskDefinition(name: $0.name, steps: resolve($0.steps)) }
        return resolved
    }
}
