import LoopLensTrace
import Yams

/// Turns a composed YAML tree into a ``Scenario``, collecting every problem with its location.
struct ScenarioParser {
    let file: String
    let limits: SimulationLimits
    /// Every problem found, the first ``ProblemList/limit`` listed.
    private var problemList = ProblemList()
    /// The problems listed so far.
    var problems: [InputError] { problemList.listed }
    /// YAML nodes visited so far, aliases counted each time they are used.
    private var visitedNodes = 0
    /// Every step that names a task, a lock or a semaphore, checked once all definitions are known.
    var references: [Reference] = []
    /// Counted task names (`fetch{i}`) and the names they expanded to.
    var templates: [String: [String]] = [:]
    /// Where each task name was defined, for duplicate and cycle messages.
    var definitionMarks: [String: Mark] = [:]

    struct Reference {
        enum Kind { case call, spawn, await, gather, lock, semaphore, event, queue }
        var kind: Kind
        var name: String
        var fromTask: String
        var mark: Mark?
    }

    init(file: String, limits: SimulationLimits) {
        self.file = file
        self.limits = limits
    }

    static let topLevelKeys = [
        "scenario", "about", "compare", "tasks", "subtasks", "locks", "semaphores", "events", "queues", "threads", "cores", "gil",
        "switch_interval",
    ]
    static let taskKeys = ["name", "count", "steps"]

    mutating func parseScenario(_ root: Node?) -> Scenario? {
        guard let root, let mapping = root.mapping else {
            report(root?.mark, "a scenario must be a mapping with at least 'scenario:' and 'tasks:'")
            return nil
        }
        var scenario = Scenario(title: baseName(of: file), tasks: [])
        var sawTasks = false
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "scenario": scenario.title = text(value, "the scenario title") ?? scenario.title
            case "about": scenario.about = text(value, "the description")
            case "compare": scenario.executions = parseExecutions(value)
            case "tasks":
                sawTasks = true
                scenario.tasks = parseTasks(value, section: "tasks")
                if scenario.tasks.isEmpty, value.sequence != nil, problems.isEmpty {
                    report(value.mark, "'tasks:' is empty; list at least one task with a name and steps")
                }
            case "subtasks": scenario.subtasks = parseTasks(value, section: "subtasks")
            case "locks": scenario.locks = parseNames(value, what: "lock")
            case "semaphores":
                guard let limits = parseLimits(value, of: "semaphore", least: 1) else {
                    report(value.mark, "'semaphores' must map names to limits, such as {pool: 2}")
                    continue
                }
                scenario.semaphores = limits
            case "events": scenario.events = parseNames(value, what: "event")
            case "queues": scenario.queues = parseQueues(value)
            case "switch_interval": scenario.switchInterval = parseSwitchInterval(value) ?? scenario.switchInterval
            case "threads": scenario.threads = positiveInteger(value, "'threads' (the worker pool size)") ?? scenario.threads
            case "cores": scenario.cores = positiveInteger(value, "'cores'") ?? scenario.cores
            case "gil":
                if let flag = value.bool { scenario.gil = flag } else { report(value.mark, "'gil' must be true or false") }
            default:
                report(
                    keyNode.mark,
                    "unknown key '\(key)'\(suggestion(for: key, among: Self.topLevelKeys)); top-level keys are \(Self.topLevelKeys.joined(separator: ", "))"
                )
            }
        }
        if !sawTasks { report(root.mark, "the scenario has no 'tasks:' list; add the tasks the program runs") }
        guard !hasPassedNodeLimit else { return nil }
        checkDefinitions(of: scenario)
        guard problems.isEmpty else { return nil }
        let resolved = resolvingTemplates(in: scenario)
        checkTotals(of: resolved)
        return problems.isEmpty ? resolved : nil
    }

    /// Every problem, ending with the count of those not listed.
    var reportedProblems: [InputError] { problemList.reported() }

    /// Whether a problem reported now is still listed (the rest are only counted).
    var isListingProblems: Bool { problemList.isListing }

    /// Whether the parser has visited more YAML nodes than ``SimulationLimits/yamlNodes``.
    var hasPassedNodeLimit: Bool { visitedNodes > limits.yamlNodes }

    /// Counts a visit to `node`; false (after reporting it once) when the limit is passed, and the
    /// caller must stop descending. Aliases were already counted where they are used, before the
    /// YAML was composed (``YAMLExpansion``); what this adds is the copies of a counted task's
    /// steps, one per instance.
    mutating func visit(_ node: Node) -> Bool {
        visitedNodes += 1
        if visitedNodes == limits.yamlNodes + 1 {
            report(
                node.mark,
                "the scenario expands to more than \(limits.yamlNodes) YAML nodes (aliases count each time they are used); use fewer aliases or 'count:', or raise the limit with \(SimulationLimits.option(for: .yamlNodes))"
            )
        }
        return !hasPassedNodeLimit
    }

    // MARK: - Sections

    private mutating func parseExecutions(_ node: Node) -> [Execution] {
        guard let sequence = node.sequence else {
            report(node.mark, "'compare' must be a list such as [sequential, concurrent]")
            return [.sequential, .concurrent]
        }
        var executions: [Execution] = []
        for item in sequence {
            let name = item.string ?? ""
            guard let execution = Execution(rawValue: name) else {
                report(item.mark, "unknown execution '\(name)'; use sequential, concurrent, threads or processes")
                continue
            }
            if executions.contains(execution) {
                report(item.mark, "'\(name)' is listed twice in 'compare'; list each execution once")
            } else {
                executions.append(execution)
            }
        }
        if executions.isEmpty, problems.isEmpty { report(node.mark, "'compare' is empty; list at least one execution") }
        return executions
    }

    private mutating func parseTasks(_ node: Node, section: String) -> [TaskDefinition] {
        guard let sequence = node.sequence else {
            report(node.mark, "'\(section):' must be a list of tasks, each starting with '- name:'")
            return []
        }
        var definitions: [TaskDefinition] = []
        for item in sequence {
            guard visit(item) else { break }
            definitions += parseTask(item)
        }
        return definitions
    }

    /// One task entry, expanded to `count` definitions.
    private mutating func parseTask(_ node: Node) -> [TaskDefinition] {
        guard let mapping = node.mapping else {
            report(node.mark, "a task must be a mapping with 'name:' and 'steps:'")
            return []
        }
        var name: String?
        var count: Int?
        var stepsNode: Node?
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "name": name = text(value, "the task name")
            case "count":
                count = positiveInteger(value, "'count'")
                if let requested = count, requested > limits.tasks {
                    report(
                        value.mark,
                        "'count: \(requested)' is more than \(limits.tasks) tasks, the most one run may create; lower it, or raise the limit with \(SimulationLimits.option(for: .tasks))"
                    )
                    return []
                }
            case "steps": stepsNode = value
            default:
                let key = keyNode.string ?? ""
                report(
                    keyNode.mark, "unknown task key '\(key)'\(suggestion(for: key, among: Self.taskKeys)); a task has name, count and steps"
                )
            }
        }
        guard let name, !name.isEmpty else {
            report(node.mark, "this task has no 'name:'; give it one")
            return []
        }
        guard let stepsNode else {
            report(node.mark, "task '\(name)' has no 'steps:'; list what it does")
            return []
        }
        for expanded in count.map({ (1...$0).map { name.expandingIndex($0) } }) ?? [name] {
            if definitionMarks[expanded] != nil {
                report(node.mark, "task '\(expanded)' is defined twice; give each task its own name")
            } else {
                definitionMarks[expanded] = node.mark
            }
        }
        guard let count else {
            return [TaskDefinition(name: name, steps: parseSteps(stepsNode, task: name))]
        }
        let names = (1...count).map { name.expandingIndex($0) }
        if names.count > 1, Set(names).count == 1 {
            report(node.mark, "task '\(name)' has 'count: \(count)' but no '{i}' in its name; write e.g. '\(name){i}'")
            return []
        }
        templates[name] = names
        // Parse the steps once, then give each instance its own copy with `{i}` filled in: each
        // copy counts as nodes visited too.
        let firstReference = references.count
        let nodesBefore = visitedNodes
        let steps = parseSteps(stepsNode, task: name)
        visitedNodes += (visitedNodes - nodesBefore) * (count - 1)
        guard visit(node) else { return [] }
        let templateReferences = references[firstReference...]
        references.removeSubrange(firstReference...)
        return (1...count).map { index in
            for reference in templateReferences {
                references.append(
                    Reference(
                        kind: reference.kind, name: reference.name.expandingIndex(index), fromTask: names[index - 1], mark: reference.mark))
            }
            return TaskDefinition(name: names[index - 1], steps: steps.map { $0.expanding(index: index) })
        }
    }

    private mutating func parseNames(_ node: Node, what: String) -> [String] {
        guard let sequence = node.sequence else {
            report(node.mark, "'\(what)s' must be a list of names, such as [db, cache]")
            return []
        }
        return sequence.compactMap { text($0, "a \(what) name") }
    }

    /// `semaphores: {pool: 2}` or `queues: {jobs: 0}`: names mapped to whole numbers of at least `least`.
    private mutating func parseLimits(_ node: Node, of what: String, least: Int) -> [String: Int]? {
        guard let mapping = node.mapping else { return nil }
        var limits: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard let limit = value.int, limit >= least else {
                report(value.mark, "the \(least == 0 ? "size" : "limit") of \(what) '\(name)' must be a whole number of at least \(least)")
                continue
            }
            limits[name] = limit
        }
        return limits
    }

    /// `queues: {jobs: 2}` (0 for no limit), or a plain list of unbounded queues.
    private mutating func parseQueues(_ node: Node) -> [String: Int] {
        if node.sequence != nil {
            return Dictionary(parseNames(node, what: "queue").map { ($0, 0) }) { first, _ in first }
        }
        guard let queues = parseLimits(node, of: "queue", least: 0) else {
            report(node.mark, "'queues' must map names to sizes (0 for no limit), such as {jobs: 0}")
            return [:]
        }
        return queues
    }

    private mutating func parseSwitchInterval(_ node: Node) -> Nanoseconds? {
        guard let text = text(node, "'switch_interval'"), let interval = try? DurationParser.parse(text), interval > 0 else {
            report(node.mark, "'switch_interval' must be a positive duration, such as 5ms (CPython's default)")
            return nil
        }
        return interval
    }

    // MARK: - Scalars

    mutating func text(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            report(node.mark, "\(what) must be a plain value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    mutating func positiveInteger(_ node: Node, _ what: String) -> Int? {
        guard let value = node.int, value >= 1 else {
            report(node.mark, "\(what) must be a whole number of at least 1")
            return nil
        }
        return value
    }

    mutating func report(_ mark: Mark?, _ message: String) {
        let problem = InputError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
        // Duplicates are dropped while problems are listed; past that, each is only counted.
        guard !isListingProblems || !problems.contains(problem) else { return }
        problemList.append(problem)
    }

    /// ` (did you mean 'x'?)` when `word` is one or two edits away from a known word. Only words
    /// up to 64 characters are compared, and only with known words within two characters of their
    /// length: the fuzzer found long names among many making this the slowest part of a parse.
    func suggestion(for word: String, among known: [String]) -> String {
        let length = word.count
        guard length <= 64 else { return "" }
        let best = known.lazy.filter { abs($0.count - length) <= 2 }.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2, best.1 < length else { return "" }
        return " (did you mean '\(best.0)'?)"
    }
}

/// The Levenshtein distance between two short words.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}

/// The last path component of a file name, without its extension: the default title.
private func baseName(of path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.split(separator: ".").first.map(String.init) ?? last
}
