/// Encodes traces as `.jsonl`: per run a header line, then one line per event.
///
/// Field order is fixed, so the same trace always encodes to the same bytes.
public enum TraceWriter {
    /// Writes every run of `trace` to `output`.
    public static func write(_ trace: Trace, to output: inout some TextOutputStream) {
        for run in trace.runs {
            write(run, to: &output)
        }
    }

    /// Writes one run, header first, to `output`.
    public static func write(_ run: Run, to output: inout some TextOutputStream) {
        var header = "{\"looplens\":\(TraceFormat.version),\"run\":\(quoted(run.name)),\"scenario\":\(quoted(run.scenario))"
        header += ",\"clock\":\(quoted(run.clock))"
        if let about = run.about { header += ",\"about\":\(quoted(about))" }
        if let origin = run.origin { header += ",\"origin\":\(origin)" }
        output.write(header + "}\n")
        let runField = quoted(run.name)
        for event in run.events {
            output.write(line(for: event, in: run, runField: runField))
        }
    }

    /// The whole trace as one string.
    public static func encode(_ trace: Trace) -> String {
        var text = ""
        write(trace, to: &text)
        return text
    }

    private static func line(for event: Event, in run: Run, runField: String) -> String {
        var line = "{\"t\":\(event.time),\"run\":\(runField)"
        if let task = event.task { line += ",\"task\":\(run.tasks[task].id)" }
        line += ",\"ev\":\"\(event.kind.rawValue)\""
        if event.kind == .spawn, let task = event.task {
            line += ",\"name\":\(quoted(run.tasks[task].name))"
            if let parent = run.tasks[task].parent { line += ",\"parent\":\(run.tasks[parent].id)" }
        }
        switch event.detail {
        case .wait(let reason, let what)?:
            line += ",\"on\":\"\(reason.rawValue)\",\"what\":\(quoted(what))"
        case .wake(let by)?:
            line += ",\"by\":\(quoted(by))"
        case .text(let text)?:
            line += ",\"text\":\(quoted(text))"
        case .outcome(let result, let error)?:
            line += ",\"result\":\"\(result.rawValue)\""
            if let error { line += ",\"error\":\(quoted(error))" }
        case nil:
            break
        }
        return line + "}\n"
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
