/// A value of a field in a trace line. Nested arrays and objects are skipped: the format never
/// needs them, and unknown fields are ignored.
enum JSONFieldValue: Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case composite
}

/// Reads the fields of one JSON object written on one line.
///
/// Written by hand rather than with `JSONSerialization` or `JSONDecoder` because trace files have
/// millions of flat lines: this reads them without building dictionaries or `Any` values, and it
/// knows the column of every problem, which the Foundation decoders do not report.
struct JSONLineScanner {
    /// A syntax error at a 1-based column of the line.
    struct SyntaxError: Error {
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ line: some Sequence<UInt8>) {
        self.bytes = Array(line)
    }

    /// Calls `body` with each field's key, value and the 1-based column of the key.
    mutating func forEachField(_ body: (String, JSONFieldValue, Int) throws -> Void) throws {
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
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { position += 1 }
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

    private mutating func readLiteral(_ literal: String) throws {
        let expected = literal.utf8
        guard bytes[position...].starts(with: expected) else { throw error("expected '\(literal)'") }
        position += expected.count
    }

    private mutating func readNumber() throws -> JSONFieldValue {
        let start = position
        position += 1
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

    private mutating func readString() throws -> String {
        let opening = position
        position += 1
        // Fast path: most strings have no escapes and decode in one step.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            defer { position += 1 }
            return String(decoding: bytes[(opening + 1)..<position], as: UTF8.self)
        }
        var text = String(decoding: bytes[(opening + 1)..<position], as: UTF8.self)
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return text
            case UInt8(ascii: "\\"):
                position += 1
                text.unicodeScalars.append(try readEscape())
            case 0x00..<0x20:
                throw error("a control character must be escaped inside a string")
            default:
                let start = position
                while let next = peek(), next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 { position += 1 }
                text += String(decoding: bytes[start..<position], as: UTF8.self)
            }
        }
        throw SyntaxError(column: opening + 1, message: "the string that starts here is not closed with '\"'")
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
