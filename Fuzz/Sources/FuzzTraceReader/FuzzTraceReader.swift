import LoopLensFuzzing

/// libFuzzer's entry point: one input, the bytes of a trace file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzHarness.readTrace(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
