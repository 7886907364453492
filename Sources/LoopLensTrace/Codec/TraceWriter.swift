/// Encodes traces as `.jsonl`: per run a header line, then one line per event.
///
/// Field order is fixed, so the same trace always encodes to the same bytes. Lines are assembled as
/// bytes and handed to the output in blocks of about 64 KB.
public enum TraceWriter {
    /// Writes every run of `trace` to `output`.
    public static func write(_ trace: Trace, to output: inout some TextOutputStream) {
        for run in trace.runs {
            write(run, to: &output)
        }
    }

    /// Writes one run, header first, to `output`.
    public static func write(_ run: Run, to output: inout some TextOutputStream) {
        var line = JSONLineEncoder()
        line.append("{\"looplens\":\(TraceFormat.version),\"run\":")
        line.appendQuoted(run.name)
        line.append(",\"scenario\":")
        line.appendQuoted(run.scenario)
        line.append(",\"clock\":")
        line.appendQuoted(run.clock)
        if let about = run.about {
            line.append(",\"about\":")
            line.appendQuoted(about)
        }
        if let origin = run.origin { line.append(",\"origin\":\(origin)") }
        line.append("}\n")
        var runField = JSONLineEncoder()
        runField.append(",\"run\":")
        runField.appendQuoted(run.name)
        for position in run.events.indices {
            line.append(Self.timeField)
            line.append(run.events.time(at: position))
            line.append(runField.bytes)
            let kind = run.events.kind(at: position)
            let task = run.events.task(at: position)
            if let task {
                line.append(Self.taskField)
                line.append(run.tasks.id(at: task))
            }
            line.append(kindFields[kind.ordinal])
            if kind == .spawn, let task { appendSpawnFields(of: task, in: run, to: &line) }
            let number = run.events.payloadNumber(at: position)
            if number >= 0 { append(run.events.payload(numbered: number), to: &line) }
            line.append(Self.lineEnd)
            if line.bytes.count >= 1 << 16 { line.flush(to: &output) }
        }
        line.flush(to: &output)
    }

    /// The whole trace as one string.
    public static func encode(_ trace: Trace) -> String {
        var text = ""
        write(trace, to: &text)
        return text
    }

    /// `,"ev":"KIND"`, by the kind's position in `EventKind.allCases`.
    private static let kindFields = EventKind.allCases.map { Array(",\"ev\":\"\($0.rawValue)\"".utf8) }
    private static let timeField = Array("{\"t\":".utf8)
    private static let taskField = Array(",\"task\":".utf8)
    private static let lineEnd = Array("}\n".utf8)

    private static func appendSpawnFields(of task: Int, in run: Run, to line: inout JSONLineEncoder) {
        let entry = run.tasks[task]
        line.append(nameField)
        line.appendQuoted(entry.name)
        if let parent = entry.parent {
            line.append(parentField)
            line.append(run.tasks.id(at: parent))
        }
    }

    private static let nameField = Array(",\"name\":".utf8)
    private static let parentField = Array(",\"parent\":".utf8)

    /// The fields of a payload, from the comma before the first.
    private static func append(_ detail: EventDetail, to line: inout JSONLineEncoder) {
        switch detail {
        case .wait(let reason, let what):
            line.append(waitFields.first { $0.reason == reason }!.bytes)
            line.appendQuoted(what)
        case .wake(let by):
            line.append(byField)
            line.appendQuoted(by)
        case .text(let text):
            line.append(textField)
            line.appendQuoted(text)
        case .outcome(let result, let error):
            line.append(resultFields.first { $0.result == result }!.bytes)
            if let error {
                line.append(errorField)
                line.appendQuoted(error)
            }
        }
    }

    private static let waitFields = WaitReason.allCases.map { (reason: $0, bytes: Array(",\"on\":\"\($0.rawValue)\",\"what\":".utf8)) }
    private static let resultFields = TaskResult.allCases.map { (result: $0, bytes: Array(",\"result\":\"\($0.rawValue)\"".utf8)) }
    private static let byField = Array(",\"by\":".utf8)
    private static let textField = Array(",\"text\":".utf8)
    private static let errorField = Array(",\"error\":".utf8)
}

extension EventKind {
    /// The kind's position in `allCases`.
    var ordinal: Int {
        switch self {
        case .spawn: 0
        case .resume: 1
        case .suspend: 2
        case .ready: 3
        case .block: 4
        case .unblock: 5
        case .print: 6
        case .finish: 7
        case .deadlock: 8
        case .acquire: 9
        case .release: 10
        }
    }
}

/// JSON text assembled as bytes: integers written digit by digit, strings quoted with JSON's
/// escapes, with no `String` made per field.
struct JSONLineEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    mutating func append(_ number: some BinaryInteger) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = number.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        // Reversed by swapping in place: reversing `bytes[start...]` would copy the slice.
        var (low, high) = (start, bytes.count - 1)
        while low < high {
            bytes.swapAt(low, high)
            (low, high) = (low + 1, high - 1)
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes, control characters and DEL escaped.
    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        let isPlain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }) else {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !isPlain { appendEscaped(text) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
    }

    /// Hands the bytes to `output` and empties the encoder.
    mutating func flush(to output: inout some TextOutputStream) {
        guard !bytes.isEmpty else { return }
        output.write(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
