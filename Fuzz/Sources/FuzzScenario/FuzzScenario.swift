import LoopLensFuzzing

/// libFuzzer's entry point: one input, the text of a scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzHarness.simulateScenario(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
