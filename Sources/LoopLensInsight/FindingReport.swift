import Foundation
import LoopLensTrace

/// Findings as people and machines read them.
public enum FindingReport {
    /// Each finding as a block: where and which rule, the summary, the evidence, what to change.
    /// Text from the trace (task names, waits, errors) is sanitised for the terminal.
    public static func text(_ findings: [Finding], ascii: Bool = false) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        let (bullet, arrow, dash) = ascii ? ("-", "->", "-") : ("·", "→", "–")
        let count = findings.reduce(0) { $0 + ($1.unlisted ?? 1) }
        var text = "\(count) finding\(count == 1 ? "" : "s")\(count > findings.count ? ", \(findings.count - 1) listed" : ""):\n"
        for finding in findings {
            text += "\n[\(finding.rule)] \(finding.run.sanitizedForTerminal) at \(finding.when(ascii: ascii, to: dash))\n"
            text += "  \(finding.summary.sanitizedForTerminal)\n"
            for line in finding.evidence { text += "  \(bullet) \(line.sanitizedForTerminal)\n" }
            text += "  \(arrow) \(finding.advice)\n"
        }
        return text
    }

    /// `{"findings": [...]}`, one object per finding, keys sorted, times in nanoseconds, tasks by
    /// id and name: a shape scripts can rely on (see docs/findings.md).
    public static func json(_ findings: [Finding], in trace: Trace) -> String {
        struct Document: Encodable {
            var findings: [Entry]
        }
        struct Entry: Encodable {
            var rule, run, summary: String
            var evidence: [String]
            var advice: String
            var start, end: Nanoseconds
            var tasks: [TaskName]
            /// Only in an entry that stands for findings not listed: how many.
            var unlisted: Int?
        }
        struct TaskName: Encodable {
            var id: Int
            var name: String
        }
        let runs = Dictionary(trace.runs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = findings.map { finding in
            Entry(
                rule: finding.rule, run: finding.run, summary: finding.summary, evidence: finding.evidence, advice: finding.advice,
                start: finding.start, end: finding.end,
                tasks: finding.tasks.map { task in
                    let table = runs[finding.run]!.tasks
                    return TaskName(id: table.id(at: task), name: table[task].name)
                }, unlisted: finding.unlisted)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(Document(findings: entries)), as: UTF8.self) + "\n"
    }
}
