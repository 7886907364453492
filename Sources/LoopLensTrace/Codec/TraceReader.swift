import Foundation

/// What reading a trace file produced: the runs, every problem found, and warnings.
public struct TraceReadResult: Sendable {
    /// The runs read, with the bad lines left out.
    public var trace: Trace
    /// Malformed lines, each with its line, column and what to change. Empty for a good file.
    public var problems: [InputError]
    /// What was read with a doubt or set aside (unknown event kinds, a task spawned twice, events
    /// after a task's end, a cut-off last line, unfinished tasks), at most
    /// ``TraceReader/maximumProblems``; `validate --strict` refuses a file that has any.
    public var warnings: [InputError]
}

/// Reads `.jsonl` traces line by line, so a file of any size is read in constant extra memory.
///
/// Feed it lines with ``read(line:)`` and call ``finish()``, or use ``read(file:progress:)``.
/// Unknown fields are ignored, unknown event kinds are skipped with one warning per kind, and a
/// malformed line is reported with its line and column while the rest of the file is still read.
/// A task spawned twice, events after a task's `finish`, a last line cut off mid-way and tasks
/// that never finish are warnings: the trace still loads, as far as it is whole.
public struct TraceReader {
    /// How many problems (and, separately, warnings) are listed before the reader stops collecting them.
    public static let maximumProblems = ProblemList.limit

    /// The file name used in messages.
    public let file: String
    private var lineNumber = 0
    private var runs: [Run] = []
    private var runIndexByName: [String: Int] = [:]
    /// Each run's name as bytes, and the run of the last event: most lines name the same run as
    /// the line before, which is then found without making a `String`.
    private var runNamesUTF8: [[UInt8]] = []
    private var lastRunIndex = 0
    private var recentDetails = RecentDetails()
    /// Where ``read(line:isCut:)`` decodes strings with escapes.
    private let scratch = JSONScratchSpace()
    /// Per run, per task index: whether it was spawned, and whether it finished or deadlocked.
    private var taskFlags: [ChunkedArray<TaskFlags>] = []
    /// Per run, the line of its last event.
    private var lastEventLine: [Int] = []
    private var warnings = ProblemList()
    private var problems = ProblemList()
    /// Each unknown event kind, by its first line, and how many lines had it.
    private var unknownKinds: [String: (firstLine: Int, count: Int)] = [:]

    public init(file: String) {
        self.file = file
    }

    /// Reads the next line of the file (without its line terminator).
    public mutating func read(line: some Collection<UInt8>) {
        withBytes(of: line) { read(line: $0, isCut: false) }
    }

    /// Reads the file's last line when it has no line terminator: the writer may have been killed
    /// mid-line. If the line is not whole JSON, it is set aside with a warning rather than an error.
    public mutating func read(unterminatedLastLine line: some Collection<UInt8>) {
        withBytes(of: line) { read(line: $0, isCut: true) }
    }

    /// Reads the next line, given as the bytes it lies in (without its line terminator).
    mutating func read(line: UnsafeRawBufferPointer, isCut: Bool = false) {
        apply(ScannedLine(scanning: line, scratch: scratch.room(for: line.count)), isCut: isCut)
    }

    /// Takes in the next line, scanned (by ``ScannedLine/init(scanning:scratch:)``, perhaps on
    /// another thread). `isCut` says it is the file's last line and has no line terminator.
    mutating func apply(_ line: ScannedLine, isCut: Bool = false) {
        lineNumber += 1
        switch line {
        case .blank:
            return
        case .fields(let fields):
            do {
                try apply(fields)
            } catch {
                report(column: error.column, error.message)
            }
        case .syntaxError(let error, let looksCut):
            if isCut, looksCut {
                warn(
                    column: error.column,
                    "the trace ends in the middle of this line (\(error.message)), as when the traced program is killed; it is read up to the line before"
                )
            } else {
                report(column: error.column, error.message)
            }
        case .fieldError(let error):
            report(column: error.column, error.message)
        }
    }

    /// The runs of the lines read so far.
    public var trace: Trace { Trace(runs: runs) }

    /// The problems found so far, at most ``maximumProblems``.
    public var problemsSoFar: [InputError] { problems.listed }

    /// The runs and problems of everything read so far.
    public func finish() -> TraceReadResult {
        var reader = self
        if lineNumber == 0 || (runs.isEmpty && problems.count == 0) {
            reader.problems.append(
                InputError(
                    file: file, line: max(lineNumber, 1), column: 1,
                    message: "the file holds no trace; its first line must be a header such as {\"looplens\":1,\"run\":\"concurrent\"}"))
        }
        for (kind, seen) in unknownKinds.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            reader.warn(
                line: seen.firstLine, column: 1,
                "unknown event kind '\(kind)' skipped (\(seen.count) line\(seen.count == 1 ? "" : "s")); a newer looplens may know it")
        }
        for (index, run) in runs.enumerated() {
            let unfinished = taskFlags[index].indices.filter { !taskFlags[index][$0].contains(.ended) }
            guard !unfinished.isEmpty else { continue }
            let names = unfinished.prefix(3).map { "'\(run.tasks[$0].name)'" }.joined(separator: ", ")
            reader.warn(
                line: lastEventLine[index], column: 1,
                "run '\(run.name)' ends here with \(unfinished.count) task\(unfinished.count == 1 ? "" : "s") unfinished (\(names)\(unfinished.count > 3 ? ", …" : "")): the recording stopped before \(unfinished.count == 1 ? "it" : "they") finished (the program was killed, or ended leaving \(unfinished.count == 1 ? "it" : "them") pending), so \(unfinished.count == 1 ? "it is" : "they are") drawn to the run's last event and marked as cut"
            )
        }
        // The file is read: nothing more is appended, so the payload lookups go.
        var runs = runs
        for index in runs.indices { runs[index].events.forgetPayloadLookup() }
        return TraceReadResult(
            trace: Trace(runs: runs), problems: reader.problems.reported(), warnings: reader.warnings.reported(byPosition: true))
    }

    private mutating func report(column: Int, _ message: String) {
        problems.append(InputError(file: file, line: lineNumber, column: column, message: message))
    }

    private mutating func warn(line: Int? = nil, column: Int, _ message: String) {
        warnings.append(InputError(file: file, line: line ?? lineNumber, column: column, message: message, severity: .warning))
    }

    private mutating func apply(_ fields: LineFields) throws(FieldError) {
        if let header = fields.header, let version = header.looplens {
            try startRun(fields, header, version: version)
            return
        }
        guard !runs.isEmpty else {
            throw FieldError(column: 1, message: "the first line of a trace must be a header with a \"looplens\" field")
        }
        let runIndex: Int
        if let name = fields.run {
            if name.value.equals(runNamesUTF8[lastRunIndex]) {
                runIndex = lastRunIndex
            } else if let index = runIndexByName[name.value.string] {
                runIndex = index
                lastRunIndex = index
            } else {
                throw FieldError(
                    column: name.column,
                    message: "run '\(name.value.string)' has no header line before this event; add one or fix the run name")
            }
        } else if runs.count == 1 {
            runIndex = 0
        } else {
            throw FieldError(column: 1, message: "this file holds several runs, so every event needs a \"run\" field")
        }
        guard let time = fields.t else { throw FieldError(column: 1, message: "an event needs \"t\", its time in integer nanoseconds") }
        guard time.value >= 0 else { throw FieldError(column: time.column, message: "\"t\" must not be negative") }
        guard time.value <= TimeLimit.nanoseconds else {
            throw FieldError(
                column: time.column,
                message:
                    "\"t\" is \(time.value) ns, later than \(TimeLimit.description) (\(TimeLimit.nanoseconds) ns), the longest time LoopLens reads"
            )
        }
        guard time.value >= runs[runIndex].events.endTime else {
            throw FieldError(
                column: time.column,
                message: "time goes backwards (\(time.value) after \(runs[runIndex].events.endTime)); events of a run must be in time order"
            )
        }
        guard let kindField = fields.ev else {
            throw FieldError(column: 1, message: "an event needs \"ev\", its kind (spawn, resume, suspend, ...)")
        }
        guard let kind = Self.eventKinds.value(of: kindField.value) else {
            noteUnknownKind(kindField.value.string)
            return
        }
        var task: Int?
        if let id = fields.task {
            let index = runs[runIndex].tasks.index(forID: id.value)
            task = index
            noteTask(index, of: runIndex)
            if taskFlags[runIndex][index].contains(.ended) {
                warn(
                    column: id.column,
                    "task \(id.value) ('\(runs[runIndex].tasks[index].name)') has a '\(kind.rawValue)' event after it finished; the event is left out"
                )
                return
            }
            switch kind {
            case .spawn where taskFlags[runIndex][index].contains(.spawned):
                warn(
                    column: id.column,
                    "task \(id.value) is spawned a second time; both tasks are drawn on one lane, so give each task its own id")
            case .spawn: taskFlags[runIndex][index].insert(.spawned)
            case .finish, .deadlock: taskFlags[runIndex][index].insert(.ended)
            default: break
            }
        } else if kind != .deadlock {
            throw FieldError(column: 1, message: "a '\(kind.rawValue)' event needs \"task\", the task's integer id")
        }
        let detail: Int32
        switch kind {
        case .spawn:
            let parent = fields.parent.map { runs[runIndex].tasks.index(forID: $0.value) }
            if let parent { noteTask(parent, of: runIndex) }
            if let id = fields.task {
                runs[runIndex].tasks.add(id: id.value, name: fields.name?.value.string ?? "task \(id.value)", parent: parent)
            }
            detail = -1
        case .resume:
            detail = -1
        case .suspend, .block, .deadlock, .acquire, .release:
            let reason = fields.on.flatMap { Self.waitReasons.match($0.value) } ?? (.other, Self.waitReasons.count)
            let what = fields.what?.value
            detail = storedDetail(run: runIndex, tag: UInt8(reason.ordinal), what) { .wait(on: reason.value, what: what?.string ?? "") }
        case .ready, .unblock:
            detail = fields.by.map { by in storedDetail(run: runIndex, tag: 64, by.value) { .wake(by: by.value.string) } } ?? -1
        case .print:
            let text = fields.text?.value
            detail = storedDetail(run: runIndex, tag: 65, text) { .text(text?.string ?? "") }
        case .finish:
            var result = (value: TaskResult.ok, ordinal: 0)
            if let field = fields.result {
                guard let parsed = Self.taskResults.match(field.value) else {
                    throw FieldError(
                        column: field.column, message: "\"result\" must be ok, error or cancelled, not '\(field.value.string)'")
                }
                result = parsed
            }
            let error = fields.error?.value
            let tag = UInt8(96 + result.ordinal * 2 + (error == nil ? 0 : 1))
            detail = storedDetail(run: runIndex, tag: tag, error) { .outcome(result.value, error: error?.string) }
        }
        runs[runIndex].events.append(time: time.value, task: task, kind: kind, detail: detail)
        lastEventLine[runIndex] = lineNumber
    }

    /// Makes room for the flags of task `index`, which the run's task table has just seen.
    private mutating func noteTask(_ index: Int, of run: Int) {
        while taskFlags[run].count <= index { taskFlags[run].append([]) }
    }

    private mutating func startRun(_ fields: LineFields, _ header: LineFields.HeaderFields, version: Located<Int64>) throws(FieldError) {
        guard version.value == Int64(TraceFormat.version) else {
            throw FieldError(
                column: version.column,
                message: "trace format version \(version.value) is not supported; this looplens reads version \(TraceFormat.version)")
        }
        guard let name = fields.run else {
            throw FieldError(column: 1, message: "a header needs \"run\", the name of the run (e.g. \"concurrent\")")
        }
        let runName = name.value.string
        guard runIndexByName[runName] == nil else {
            throw FieldError(column: name.column, message: "run '\(runName)' already has a header; give each run its own name")
        }
        runIndexByName[runName] = runs.count
        var run = Run(
            name: runName, scenario: header.scenario?.value.string ?? "", clock: header.clock?.value.string ?? "virtual",
            about: header.about?.value.string)
        run.origin = header.origin?.value
        runs.append(run)
        runNamesUTF8.append(Array(runName.utf8))
        taskFlags.append(ChunkedArray())
        lastEventLine.append(lineNumber)
    }

    private struct TaskFlags: OptionSet {
        let rawValue: UInt8
        static let spawned = TaskFlags(rawValue: 1)
        /// It finished or deadlocked.
        static let ended = TaskFlags(rawValue: 2)
    }

    /// The index of a payload in `run`'s log, found from its bytes when a recent line had it.
    private mutating func storedDetail(run: Int, tag: UInt8, _ text: JSONText?, _ make: () -> EventDetail) -> Int32 {
        recentDetails.index(run: run, tag: tag, text: text) { runs[run].events.index(of: make()) }
    }

    private static let eventKinds = KeywordTable<EventKind>()
    private static let waitReasons = KeywordTable<WaitReason>()
    private static let taskResults = KeywordTable<TaskResult>()

    private mutating func noteUnknownKind(_ kind: String) {
        unknownKinds[kind, default: (lineNumber, 0)].count += 1
    }
}

/// A field value and the column of its key.
struct Located<Value> {
    var value: Value
    /// Kept in 4 bytes: scanned lines wait in memory by the thousand (see ``ScannedChunk``).
    private var storedColumn: Int32

    var column: Int { Int(storedColumn) }

    init(value: Value, column: Int) {
        self.value = value
        storedColumn = Int32(clamping: column)
    }
}

/// A field of the right name with a value of the wrong type, or a missing field.
struct FieldError: Error {
    var column: Int
    var message: String
}

/// What scanning one line found, before the reader takes it in: scanning needs nothing but the
/// line, so lines can be scanned ahead on another thread while earlier ones are taken in.
enum ScannedLine {
    case blank
    case fields(LineFields)
    /// Not JSON; `looksCut` when the line began as an object and lacks its end, as a line cut
    /// mid-way does.
    case syntaxError(JSONLineScanner.SyntaxError, looksCut: Bool)
    /// A known field with a value of the wrong type.
    case fieldError(FieldError)

    /// Scans `line`, decoding strings with escapes into `scratch`, which must have room for the
    /// line. The text in the result lies in those two buffers.
    init(scanning line: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer) {
        var scanner = JSONLineScanner(line, scratch: scratch)
        guard !scanner.isBlank else {
            self = .blank
            return
        }
        do {
            var fields = LineFields()
            try scanner.forEachField { key, value, column in try fields.set(key, value, column: column) }
            self = .fields(fields)
        } catch let error as JSONLineScanner.SyntaxError {
            let visible = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            self = .syntaxError(error, looksCut: visible.first == UInt8(ascii: "{") && visible.last != UInt8(ascii: "}"))
        } catch {
            self = .fieldError(error as? FieldError ?? FieldError(column: 1, message: "\(error)"))
        }
    }
}

/// The known fields of one line; unknown fields are dropped. Its text values lie in the line being
/// read (or the scratch space of its escapes), so it lives no longer than those bytes.
struct LineFields {
    var t: Located<Int64>?
    var task: Located<Int>?
    var parent: Located<Int>?
    var run, ev, name, on, what, by, text, result, error: Located<JSONText>?
    /// The fields only a header has, kept apart so that an event's fields take little room.
    var header: HeaderFields?

    final class HeaderFields {
        var looplens: Located<Int64>?
        var origin: Located<Int64>?
        var scenario, clock, about: Located<JSONText>?
    }

    /// The names of the fields LoopLens reads, the most frequent first.
    private enum Name: String, CaseIterable, Sendable {
        case t, run, task, ev, on, what, by, name, parent, text, result, error, looplens, scenario, clock, about, origin
    }

    private static let names = KeywordTable<Name>()

    mutating func set(_ key: JSONText, _ value: JSONFieldValue, column: Int) throws {
        guard let name = Self.names.value(of: key) else { return }
        switch name {
        case .looplens: headerFields().looplens = try integer(name, value, column)
        case .t: t = try integer(name, value, column)
        case .origin: headerFields().origin = try integer(name, value, column)
        case .task: task = try integer(name, value, column).map { Located(value: Int($0.value), column: column) }
        case .parent:
            if case .null = value { break }
            parent = try integer(name, value, column).map { Located(value: Int($0.value), column: column) }
        case .run: run = try string(name, value, column)
        case .scenario: headerFields().scenario = try string(name, value, column)
        case .clock: headerFields().clock = try string(name, value, column)
        case .about: headerFields().about = try string(name, value, column)
        case .ev: ev = try string(name, value, column)
        case .name: self.name = try string(name, value, column)
        case .on: on = try string(name, value, column)
        case .what: what = try string(name, value, column)
        case .by: by = try string(name, value, column)
        case .text: text = try string(name, value, column)
        case .result: result = try string(name, value, column)
        case .error: error = try string(name, value, column)
        }
    }

    private mutating func headerFields() -> HeaderFields {
        if let header { return header }
        let fields = HeaderFields()
        header = fields
        return fields
    }

    private func integer(_ name: Name, _ value: JSONFieldValue, _ column: Int) throws -> Located<Int64>? {
        guard case .integer(let number) = value else {
            throw FieldError(column: column, message: "\"\(name.rawValue)\" must be an integer")
        }
        return Located(value: number, column: column)
    }

    private func string(_ name: Name, _ value: JSONFieldValue, _ column: Int) throws -> Located<JSONText>? {
        guard case .string(let text) = value else {
            throw FieldError(column: column, message: "\"\(name.rawValue)\" must be a string in double quotes")
        }
        return Located(value: text, column: column)
    }
}

/// Calls `body` with the bytes of `collection`, copying them only when they are not contiguous.
private func withBytes<Result>(of collection: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    if let result = collection.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
    return Array(collection).withUnsafeBytes(body)
}
