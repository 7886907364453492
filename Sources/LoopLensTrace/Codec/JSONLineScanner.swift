/// A value of a field in a trace line. Nested arrays and objects are skipped: the format never
/// needs them, and unknown fields are ignored.
enum JSONFieldValue {
    case string(JSONText)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case composite
}

/// Reads the fields of one JSON object written on one line, in place.
///
/// Written by hand rather than with `JSONSerialization`, `JSONDecoder` or simdjson because trace
/// files have millions of flat lines: this reads them where they lie, making no `String` for a
/// field name or an unescaped value and parsing integers from the bytes, and it knows the column
/// of every problem, which those decoders do not report. docs/performance.md weighs the options.
struct JSONLineScanner {
    /// A syntax error at a 1-based column of the line.
    struct SyntaxError: Error {
        var column: Int
        var message: String
    }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    /// Where strings with escapes are decoded, and how much of it they use.
    private let scratch: UnsafeMutableRawBufferPointer
    private var scratchUsed = 0

    /// A scanner of `line`, which must stay valid while the scanner and the text it hands out are
    /// used. Strings with escapes are decoded into `scratch`, which must have room for the line.
    init(_ line: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer) {
        precondition(scratch.count >= line.count, "decoded strings need as much room as the line")
        self.bytes = line
        self.scratch = scratch
    }

    /// Whether the line holds nothing but spaces and tabs (and a carriage return).
    var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Calls `body` with each field's name, value and the 1-based column of the name.
    mutating func forEachField(_ body: (JSONText, JSONFieldValue, Int) throws -> Void) throws {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "a trace line must be a JSON object starting with '{'")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return try expectEnd()
        }
        while true {
            skipWhitespace()
            let keyColumn = position + 1
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after the field name")
            skipWhitespace()
            let value = try readValue()
            try body(key, value, keyColumn)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return try expectEnd()
            default: throw error("expected ',' or '}' after the value")
            }
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(column: min(position, bytes.count) + 1, message: message)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, case let byte = bytes[position], byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws {
        guard peek() == byte else { throw error(message) }
        position += 1
    }

    private mutating func expectEnd() throws {
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected text after the end of the object") }
    }

    private mutating func readValue() throws -> JSONFieldValue {
        guard let byte = peek() else { throw error("the line ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "["), UInt8(ascii: "{"): try skipComposite(); return .composite
        default: throw error("expected a value (a string, number, true, false or null)")
        }
    }

    private mutating func readLiteral(_ literal: StaticString) throws {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
            throw error("expected '\(literal)'")
        }
        position += expected.count
    }

    /// An integer is parsed from the bytes as they are scanned; a number with a fraction or an
    /// exponent, or one too large for 64 bits, goes through `Double`.
    private mutating func readNumber() throws -> JSONFieldValue {
        let start = position
        let isNegative = bytes[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        var magnitude: UInt64 = 0
        var overflowed = false
        while position < bytes.count, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            overflowed = overflowed || o1 || o2
            magnitude = sum
            position += 1
        }
        let digits = position - start - (isNegative ? 1 : 0)
        if digits > 0, !overflowed, peek().map({ !Self.isNumberByte($0) }) ?? true {
            if !isNegative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
            if isNegative, magnitude <= UInt64(Int64.max) + 1 { return .integer(Int64(truncatingIfNeeded: 0 &- magnitude)) }
        }
        while let byte = peek(), Self.isNumberByte(byte) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let value = Int64(text) { return .integer(value) }
        if let value = Double(text), value.isFinite { return .number(value) }
        position = start
        throw error("'\(text)' is not a valid number")
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
            UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private mutating func readString() throws -> JSONText {
        let opening = position
        position += 1
        // Fast path: most strings have no escapes and are handed on where they lie.
        position = bytes.withMemoryRebound(to: UInt8.self) { text in
            var end = position
            while end < text.count, case let byte = text[end], byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
                end += 1
            }
            return end
        }
        if peek() == UInt8(ascii: "\"") {
            defer { position += 1 }
            return JSONText(bytes: UnsafeRawBufferPointer(rebasing: bytes[(opening + 1)..<position]))
        }
        let decodedStart = scratchUsed
        append(bytes[(opening + 1)..<position])
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return JSONText(bytes: UnsafeRawBufferPointer(rebasing: scratch[decodedStart..<scratchUsed]))
            case UInt8(ascii: "\\"):
                position += 1
                append(UTF8.encode(try readEscape())!)
            case 0x00..<0x20:
                throw error("a control character must be escaped inside a string")
            default:
                let start = position
                while let next = peek(), next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 { position += 1 }
                append(bytes[start..<position])
            }
        }
        throw SyntaxError(column: opening + 1, message: "the string that starts here is not closed with '\"'")
    }

    /// Adds decoded bytes to the scratch space. They fit: decoding never lengthens a string.
    private mutating func append(_ decoded: some Collection<UInt8>) {
        for byte in decoded {
            scratch[scratchUsed] = byte
            scratchUsed += 1
        }
    }

    private mutating func readEscape() throws -> Unicode.Scalar {
        guard let byte = peek() else { throw error("the line ends inside an escape sequence") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try readHex4()
            if (0xD800..<0xDC00).contains(high) {
                guard peek() == UInt8(ascii: "\\") else { return "\u{FFFD}" }
                position += 1
                guard peek() == UInt8(ascii: "u") else { throw error("expected '\\u' for the low surrogate") }
                position += 1
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { return "\u{FFFD}" }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("unknown escape sequence '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("expected four hex digits after '\\u'") }
        position += 4
        return value
    }

    private mutating func skipComposite() throws {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                _ = try readString()
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    position += 1
                    return
                }
            default: break
            }
            position += 1
        }
        throw error("an array or object is not closed")
    }
}
