import Foundation

/// A JSON string's text, decoded: the bytes between the quotes when the string has no escapes
/// (nearly always), or the decoded bytes in the scanner's scratch space when it has.
///
/// The bytes belong to the line being read: a `JSONText` must not outlive that line. Comparing it
/// with a known word (a field name, an event kind) makes no `String`.
struct JSONText {
    /// The UTF-8 bytes.
    let bytes: UnsafeRawBufferPointer

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the text is `word`, byte for byte.
    func equals(_ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else { return false }
        return bytes.isEmpty || word.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }
}

/// Space for the decoded text of a line's strings with escapes. A decoded string is never longer
/// than its escaped form, so room for the whole line is enough and nothing moves while the line
/// is read.
final class JSONScratchSpace {
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)

    /// Room for the decoded strings of a line of `count` bytes, valid until the next call.
    func room(for count: Int) -> UnsafeMutableRawBufferPointer {
        if count > buffer.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: count, alignment: 1)
        }
        return buffer
    }

    deinit {
        buffer.deallocate()
    }
}

/// The raw values of an enumeration, to find the case a ``JSONText`` names without making a
/// `String` of it: the words are grouped by length and compared byte by byte, so finding one costs
/// a few comparisons. Written by hand: a `Dictionary` would first need a key made of the bytes.
final class KeywordTable<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private let values: [Value]
    /// Every word's bytes, one after another, in order of length.
    private let text: [UInt8]
    /// Per word in order of length: where its bytes start in `text`, and its case's position.
    private let words: [(start: Int, ordinal: Int)]
    /// For each length, the range of `words` that have it.
    private let wordsByLength: [Range<Int>]

    init() {
        let values = Array(Value.allCases)
        let byLength = values.indices.sorted { (values[$0].rawValue.utf8.count, $0) < (values[$1].rawValue.utf8.count, $1) }
        var text: [UInt8] = []
        var words: [(start: Int, ordinal: Int)] = []
        var wordsByLength: [Range<Int>] = []
        for ordinal in byLength {
            let utf8 = values[ordinal].rawValue.utf8
            while wordsByLength.count <= utf8.count { wordsByLength.append(words.count..<words.count) }
            wordsByLength[utf8.count] = wordsByLength[utf8.count].lowerBound..<(words.count + 1)
            words.append((text.count, ordinal))
            text += utf8
        }
        (self.values, self.text, self.words, self.wordsByLength) = (values, text, words, wordsByLength)
    }

    /// How many cases there are.
    var count: Int { values.count }

    /// The case whose raw value is `text`, if there is one.
    func value(of text: JSONText) -> Value? {
        match(text)?.value
    }

    /// The case whose raw value is `text` and its position in `allCases`, if there is one.
    func match(_ text: JSONText) -> (value: Value, ordinal: Int)? {
        let bytes = text.bytes
        guard bytes.count < wordsByLength.count else { return nil }
        return self.text.withUnsafeBytes { words in
            for index in wordsByLength[bytes.count] {
                let word = self.words[index]
                if bytes.isEmpty || memcmp(words.baseAddress! + word.start, bytes.baseAddress!, bytes.count) == 0 {
                    return (values[word.ordinal], word.ordinal)
                }
            }
            return nil
        }
    }
}
