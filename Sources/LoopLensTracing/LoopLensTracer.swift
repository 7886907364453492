import LoopLensTrace

/// Records a real Swift concurrency program as a LoopLens trace.
///
/// ```swift
/// import LoopLensTracing
///
/// try await LoopLensTracer.record(to: "downloads.jsonl", title: "Three downloads") {
///     await withTaskGroup(of: Void.self) { group in
///         for page in 1...3 {
///             group.addTask(name: "page\(page)") {
///                 LoopLensTracer.willWait(on: .io, "GET /page\(page)")
///                 try? await Task.sleep(for: .milliseconds(200))
///             }
///         }
///     }
/// }
/// ```
///
/// Then `looplens replay downloads.jsonl` or `looplens export downloads.jsonl`.
public enum LoopLensTracer {
    /// Runs `body` as a task named `main` on a ``TracingExecutor``, traces it and every child task
    /// and task group it starts, then writes the trace to `path` atomically.
    ///
    /// - Parameters:
    ///   - path: the `.jsonl` file to write.
    ///   - run: the run's name in the trace.
    ///   - title: the program's title, shown above the timeline.
    ///   - threads: one thread like an event loop (`.serial`), or a pool.
    /// - Returns: what `body` returned. If it threw, the trace is still written, then the error rethrown.
    @discardableResult
    public static func record<Result: Sendable>(
        to path: String, run: String = "real", title: String = "Swift program",
        threads: TracingExecutor.Threads = .serial,
        _ body: sending @escaping () async throws -> Result
    ) async throws -> Result {
        let (result, recorded) = await self.run(run, title: title, threads: threads, body)
        try AtomicFile.write(to: path) { TraceWriter.write(recorded, to: &$0) }
        return try result.get()
    }

    /// Runs `body` as a task named `main` on a ``TracingExecutor`` and returns its result with the
    /// recorded run.
    public static func run<Result: Sendable>(
        _ run: String = "real", title: String = "Swift program", about: String? = nil,
        threads: TracingExecutor.Threads = .serial,
        _ body: sending @escaping () async throws -> Result
    ) async -> (Swift.Result<Result, any Error>, Run) {
        let executor = TracingExecutor(threads)
        let main = Task(name: "main", executorPreference: executor) {
            showName()
            do {
                return try await body()
            } catch {
                willEnd(with: error is CancellationError ? .cancelled : .error, error: "\(error)")
                throw error
            }
        }
        let result = await main.result
        // The main task is the first the executor saw.
        let recording = executor.stopRecording(after: 0)
        return (result, recording.run(name: run, scenario: title, about: about))
    }

    /// Tells the trace what the calling task is about to wait on, so that its next suspension is
    /// labelled (`suspend` `on`/`what`). Does nothing outside a traced task.
    ///
    /// The executor sees when a task's job returns, not why; without this the wait reads `other`.
    public static func willWait(on reason: WaitReason, _ what: String) {
        TracingExecutor.updateRunningTask { recording, task, _ in
            recording.announceWait(of: task, on: reason, what: what)
        }
    }

    /// Puts the calling task's `Task.name` on its lane. Swift lets only a task read its own name, so
    /// a task that never calls the tracer nor starts or wakes another task shows as `task N`.
    public static func showName() {
        TracingExecutor.updateRunningTask { _, _, _ in }
    }

    /// Marks the calling task's lane at this instant with `text` (a `print` event).
    public static func mark(_ text: String) {
        TracingExecutor.updateRunningTask { recording, task, time in
            recording.mark(task, text, at: time)
        }
    }

    /// Tells the trace how the calling task ends, for when it ends in this job: with an error (its
    /// message) or cancelled. Tasks finish `ok` unless they say otherwise.
    public static func willEnd(with result: TaskResult, error: String? = nil) {
        TracingExecutor.updateRunningTask { recording, task, _ in
            recording.announceOutcome(of: task, .outcome(result, error: error))
        }
    }
}
