/// Parses durations as people write them: `2s`, `1.5s`, `150ms`, `20us` (or `µs`), `500ns`, or a
/// bare number of seconds. Scenarios and `--from`/`--to` use it.
///
/// Decimal digits are converted with integer arithmetic, so `0.1s` is exactly 100 000 000 ns.
public enum DurationParser {
    /// Why a text is not a duration.
    public enum Failure: Error, Equatable {
        case negative
        case malformed
        case finerThanNanosecond
        /// Longer than ``TimeLimit``.
        case tooLong
    }

    private static let units: [(suffix: String, nanoseconds: Nanoseconds)] = [
        ("ns", 1), ("us", .perMicrosecond), ("µs", .perMicrosecond), ("ms", .perMillisecond), ("s", .perSecond),
    ]

    /// The duration `text` stands for, in nanoseconds.
    public static func parse(_ text: String) throws(Failure) -> Nanoseconds {
        var body = text.trimmingSpaces()
        if body.hasPrefix("-") { throw .negative }
        var scale = Nanoseconds.perSecond
        for unit in units where body.hasSuffix(unit.suffix) {
            scale = unit.nanoseconds
            body = body.dropLast(unit.suffix.count)
            break
        }
        body = body.trimmingSpaces()
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !body.isEmpty,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }),
            !(whole.isEmpty && (parts.count < 2 || parts[1].isEmpty))
        else { throw .malformed }
        guard let wholeValue = whole.isEmpty ? 0 : Nanoseconds(whole) else { throw .tooLong }
        let (product, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw .tooLong }
        var total = product
        if parts.count == 2 {
            var place = scale
            for digit in parts[1] {
                let value = Nanoseconds(digit.wholeNumberValue!)
                if place % 10 != 0 {
                    guard value == 0 else { throw .finerThanNanosecond }
                    continue
                }
                place /= 10
                total += value * place
            }
        }
        guard total <= TimeLimit.nanoseconds else { throw .tooLong }
        return total
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> Substring {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return Substring(self[first...last])
    }
}
