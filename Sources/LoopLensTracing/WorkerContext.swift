#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one worker thread of a tracing executor is doing, reachable from code running on it.
///
/// Swift has no thread-local storage of its own, so the context lives in a POSIX thread-specific
/// slot. Only the worker itself changes `runningTask`, always while holding its executor's lock.
// `@unchecked Sendable`: handed once to its thread; other threads read it only under the executor lock.
final class WorkerContext: @unchecked Sendable {
    unowned let executor: TracingExecutor
    /// The recording index of the task whose job this worker runs, or -1 between jobs.
    var runningTask: Int32 = -1
    /// Whether the running task's name is still unknown (`Task.name` is only readable from inside it).
    var runningTaskNeedsName = false

    init(executor: TracingExecutor) {
        self.executor = executor
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The context of the worker thread the caller runs on, if it is one.
    static var current: WorkerContext? {
        pthread_getspecific(key).map { Unmanaged<WorkerContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Makes this the context of the calling thread.
    func install() {
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
    }
}
