import LoopLensTrace

/// How findings word times, lists and waits, the same in every rule.
extension RunAnalysis {
    /// `2.50 s`.
    func duration(_ nanoseconds: Nanoseconds) -> String {
        nanoseconds.formatted(.summary, ascii: options.ascii)
    }

    /// `a`, `a and b`, `a, b and c`; past `limit` items, `a, b, c and 4 more`.
    func list(_ items: [String], limit: Int = 5) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        if items.count > limit {
            return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
        }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// What a waiting or blocked state waits on: `io GET /page1`, `lock db`.
    func wait(_ state: TaskState, _ what: String?) -> String {
        state.waitDescription(what) ?? WaitReason.other.rawValue
    }

    /// `1 task`, `3 tasks`.
    func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
