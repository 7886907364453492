import Foundation

/// The package's root folder, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The asyncio tracer's source, which the Python tests run directly.
public let pythonTracerPath = packageRoot.appendingPathComponent("Sources/LoopLensPython/looplens_asyncio.py").path
