import Synchronization

/// One running instance of a scenario task: what it waits on, so that a cancellation can end the
/// wait, and how it ended, for whoever awaits or gathers it.
final class ScenarioTask: Sendable {
    /// How a scenario task ended.
    enum Outcome: Sendable {
        case ok
        case failed(String)
        case cancelled
    }

    private struct State {
        var currentWait: Waiter?
        var isCancelled = false
        var outcome: Outcome?
        var onFinish: [@Sendable (Outcome) -> Void] = []
    }

    let name: String
    private let state = Mutex(State())

    init(name: String) {
        self.name = name
    }

    /// How the task ended, if it has.
    var outcome: Outcome? { state.withLock { $0.outcome } }

    /// Whether the task has been cancelled.
    var isCancelled: Bool { state.withLock { $0.isCancelled } }

    /// Registers `waiter` as the task's current wait; returns false if the task is already cancelled.
    func beginWait(_ waiter: Waiter) -> Bool {
        state.withLock { state in
            guard !state.isCancelled else { return false }
            state.currentWait = waiter
            return true
        }
    }

    func endWait() {
        state.withLock { $0.currentWait = nil }
    }

    /// Cancels the task as asyncio does: its current (or next) wait raises `CancellationError`.
    func cancel() {
        let wait: Waiter? = state.withLock { state in
            guard state.outcome == nil else { return nil }
            state.isCancelled = true
            return state.currentWait
        }
        wait?.resume(with: .failure(CancellationError()))
    }

    /// Calls `action` with the outcome when the task ends (at once if it has).
    func whenFinished(_ action: @escaping @Sendable (Outcome) -> Void) {
        let outcome: Outcome? = state.withLock { state in
            if state.outcome == nil { state.onFinish.append(action) }
            return state.outcome
        }
        if let outcome { action(outcome) }
    }

    /// Records how the task ended and tells everyone waiting for it.
    func finish(_ outcome: Outcome) {
        let actions = state.withLock { state in
            state.outcome = outcome
            defer { state.onFinish = [] }
            return state.onFinish
        }
        for action in actions { action(outcome) }
    }
}
