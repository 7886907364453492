/// Values stored once each and numbered in the order first seen: an event log's payloads, and a
/// Swift recording's announced waits and marks. Events then carry a 4-byte number, not the value.
package struct DistinctValues<Value: Hashable & Sendable>: Sendable {
    private var values: [Value] = []
    private var numberByValue: [Value: Int32] = [:]

    package init() {}

    /// The value numbered `number`.
    package subscript(number: Int32) -> Value { values[Int(number)] }

    /// The number of `value`, storing it if it is new.
    package mutating func number(of value: Value) -> Int32 {
        if let number = numberByValue[value] { return number }
        let number = Int32(values.count)
        values.append(value)
        numberByValue[value] = number
        return number
    }

    /// Drops the table that finds an equal value already stored, once no more are expected: it
    /// costs as much as the values themselves. A value stored later may then be stored twice.
    package mutating func forgetLookup() {
        numberByValue = [:]
    }
}
