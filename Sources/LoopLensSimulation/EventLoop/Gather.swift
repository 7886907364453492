/// An `asyncio.gather(...)` in progress: its outer future (`_GatheringFuture`) and the count its
/// children's shared `_done_callback` keeps.
struct GatheringFuture {
    var outer: Int
    var children: [Int]
    var finished = 0
    /// `return_exceptions=True` (as `asyncio.run` gathers the tasks it cancels at the end).
    var returnExceptions: Bool
    /// Set when cancelling the outer future cancelled a child.
    var cancelRequested = false
}

extension AsyncioSimulation {
    /// `asyncio.gather(*coros)`: a task per name, each scheduled in order; returns the outer future.
    mutating func gather(_ names: [String], in task: Int) -> Int {
        let children = names.compactMap { definitions[$0] }.map { tasks[createTask($0, parent: task)].future }
        return gatherFutures(children, returnExceptions: false)
    }

    /// `asyncio.gather(*futures)` over futures that exist already.
    mutating func gatherFutures(_ children: [Int], returnExceptions: Bool) -> Int {
        let index = gathers.count
        let outer = makeFuture(cause: "gather", kind: .gather(index))
        gathers.append(GatheringFuture(outer: outer, children: children, returnExceptions: returnExceptions))
        for child in children { addDoneCallback(.gatherChildDone(gather: index, child: child), to: child) }
        if children.isEmpty { setResult(of: outer) }
        return outer
    }

    /// gather's `_done_callback(child)`: without `return_exceptions` the first failure (or
    /// cancellation) ends the outer future at once; otherwise it ends when the last child does.
    mutating func gatherChildDone(_ index: Int, child: Int) {
        gathers[index].finished += 1
        let gather = gathers[index]
        guard futures[gather.outer].isPending else { return }
        if !gather.returnExceptions, let failure = futures[child].failure {
            setException(failure, of: gather.outer, cause: futures[child].cause)
        } else if gather.finished == gather.children.count {
            if gather.cancelRequested {
                setException(.cancelled, of: gather.outer, cause: futures[child].cause)
            } else {
                setResult(of: gather.outer)
            }
        }
    }

    /// `_GatheringFuture.cancel()`: cancels the children; the outer future ends through them.
    mutating func cancelGather(_ index: Int, by cause: String) -> Bool {
        guard futures[gathers[index].outer].isPending else { return false }
        var cancelledAny = false
        for child in gathers[index].children where cancel(child, by: cause) { cancelledAny = true }
        if cancelledAny { gathers[index].cancelRequested = true }
        return cancelledAny
    }
}
