import Synchronization

/// A one-shot wake-up for a suspended scenario task. The first of its event, a cancellation or a
/// timeout decides how the wait ends; whatever comes later is ignored. It may be decided before
/// the task has suspended, in which case the task does not suspend at all.
final class Waiter: Sendable {
    private enum State {
        case pending
        case suspended(CheckedContinuation<Void, any Error>)
        case decided(Result<Void, any Error>)
    }

    private let state = Mutex(State.pending)

    /// Suspends until the wait is decided, then returns or throws accordingly.
    ///
    /// `arm` runs once the task is suspended, unless the wait was already decided: a timer armed
    /// there cannot fire before the task has suspended, so a sleep always suspends, as in asyncio,
    /// however late the task gets to its await on a loaded machine.
    func wait(arming arm: () -> Void = {}) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let decided: Result<Void, any Error>? = state.withLock { state in
                if case .decided(let result) = state { return result }
                state = .suspended(continuation)
                return nil
            }
            if let decided { continuation.resume(with: decided) } else { arm() }
        }
    }

    /// Ends the wait with `result`; returns whether this call decided it.
    @discardableResult
    func resume(with result: Result<Void, any Error> = .success(())) -> Bool {
        let continuation: CheckedContinuation<Void, any Error>?? = state.withLock { state in
            switch state {
            case .decided: return nil
            case .pending:
                state = .decided(result)
                return .some(nil)
            case .suspended(let continuation):
                state = .decided(result)
                return .some(continuation)
            }
        }
        guard let continuation else { return false }
        continuation?.resume(with: result)
        return true
    }
}
